// Runs the overview timeline benchmark: bundles bench/timeline/main.ts with esbuild (as
// bench/flame/run.mjs does) and runs it. Needs `npm run build` first (dist/main/cli.js, dist/renderer).
//   node bench/timeline/run.mjs [--traces 5000] [--calls 40] [--shots DIR] [--keep]
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
if (
  !existsSync(path.join(root, 'dist/main/cli.js')) ||
  !existsSync(path.join(root, 'dist/renderer/index.html'))
) {
  console.error('timeline bench: run `npm run build` first')
  process.exit(1)
}
const chromium = process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.log(`timeline bench: skipped, no Chromium at ${chromium} (set KOLO_CHROMIUM)`)
  process.exit(0)
}
const outfile = path.join(root, 'dist/bench/timeline-bench.js')
await build({
  entryPoints: [path.join(root, 'bench/timeline/main.ts')],
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
