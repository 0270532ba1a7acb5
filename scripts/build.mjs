// Builds everything `npm start`, `serve`, the CLI, the tests and the benchmarks run:
// dist/main/{cli.js,trace-worker.js,skim-helper.js,project-index-worker.js,electron.cjs,preload.cjs}, dist/bench/run.js, dist/renderer/.
import {build as esbuild} from 'esbuild'
import {build as viteBuild} from 'vite'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import path from 'node:path'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const at = p => path.join(root, p)
const external = ['better-sqlite3', 'msgpackr', 'electron', 'fsevents', 'playwright-core']
const quiet = process.argv.includes('--quiet')

const nodeEntries = [
  ['main/cli.ts', 'dist/main/cli.js', 'esm'],
  ['main/node/trace-host/trace-worker.ts', 'dist/main/trace-worker.js', 'esm'],
  ['main/node/trace-host/skim-helper-main.ts', 'dist/main/skim-helper.js', 'esm'],
  ['main/node/project-index/project-index-worker.ts', 'dist/main/project-index-worker.js', 'esm'],
  ['bench/run.ts', 'dist/bench/run.js', 'esm'],
  ['main/electron/main.ts', 'dist/main/electron.cjs', 'cjs'],
]

async function buildNode() {
  for (const [entry, outfile, format] of nodeEntries) {
    if (!existsSync(at(entry))) continue
    await esbuild({
      entryPoints: [at(entry)],
      outfile: at(outfile),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      external,
      sourcemap: true,
      logLevel: 'warning',
      // ESM bundles of CJS dependencies need a require(); give them Node's.
      banner:
        format === 'esm'
          ? {
              js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
            }
          : undefined,
    })
  }
  // A sandboxed preload cannot require our files: bundle it into one file, electron external.
  if (existsSync(at('main/electron/preload.ts'))) {
    await esbuild({
      entryPoints: [at('main/electron/preload.ts')],
      outfile: at('dist/main/preload.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'warning',
    })
  }
}

async function buildRenderer() {
  await viteBuild({configFile: at('renderer/vite.config.ts'), logLevel: quiet ? 'warn' : 'info'})
}

const started = Date.now()
await Promise.all([buildNode(), buildRenderer()])
if (!quiet) console.log(`built in ${Date.now() - started} ms`)
