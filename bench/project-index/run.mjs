// Runs the project-index benchmark: bundles bench/project-index/main.ts and the project-index
// worker with esbuild (as scripts/build.mjs bundles the app) and runs it.
//   node bench/project-index/run.mjs [--traces 5000] [--calls 400] [--keep]
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const options = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3', 'msgpackr', 'electron', 'fsevents', 'playwright-core'],
  banner: {
    js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
}
const outfile = path.join(root, 'dist/bench/project-index-bench.js')
await build({...options, entryPoints: [path.join(root, 'bench/project-index/main.ts')], outfile})
await build({
  ...options,
  entryPoints: [path.join(root, 'main/node/project-index/project-index-worker.ts')],
  outfile: path.join(root, 'dist/bench/project-index-worker.js'),
})
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(run.status ?? 1)
