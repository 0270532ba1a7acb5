// Runs the overview timeline benchmark: bundles bench/timeline/main.ts with esbuild (as
// bench/flame/run.mjs does) and runs it. Needs `npm run build` first (dist/main/cli.js, dist/renderer).
//   node bench/timeline/run.mjs [--traces 5000] [--calls 40] [--shots DIR] [--keep]
import {existsSync} from 'node:fs'
import {bundle, requireAppBuild, runBundle} from '../bundle.mjs'

requireAppBuild('timeline')
const chromium = process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.log(`timeline bench: skipped, no Chromium at ${chromium} (set KOLO_CHROMIUM)`)
  process.exit(0)
}
runBundle(await bundle('bench/timeline/main.ts', 'timeline-bench'))
