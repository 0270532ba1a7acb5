// Runs the diff benchmark: bundles bench/diff/main.ts with esbuild (as scripts/build.mjs bundles
// bench/run.ts) and runs it. Each measurement runs in its own child process.
//   node bench/diff/run.mjs [--tiny | --small] [--align-only] [--keep]
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const outfile = path.join(root, 'dist/bench/diff-bench.js')
await build({
  entryPoints: [path.join(root, 'bench/diff/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3', 'msgpackr', 'electron', 'fsevents', 'playwright-core'],
  banner: {
    js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
})
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(run.status ?? 1)
