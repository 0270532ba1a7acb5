// Runs the test-generation benchmark: bundles bench/testgen/main.ts with esbuild (as
// bench/flame/run.mjs does) and runs it. Prints figures; never fails on a figure.
//   node bench/testgen/run.mjs [--runs N]
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const outfile = path.join(root, 'dist/bench/testgen-bench.js')
await build({
  entryPoints: [path.join(root, 'bench/testgen/main.ts')],
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
