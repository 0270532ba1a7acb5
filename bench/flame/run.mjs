// Runs the flame chart benchmark: bundles bench/flame/main.ts with esbuild (as scripts/build.mjs
// bundles bench/run.ts) and runs it. Needs `npm run build` first (dist/main/cli.js, dist/renderer).
//   node bench/flame/run.mjs [--tiny | --small] [--only fib-850k] [--shots DIR] [--keep]
import {bundle, requireAppBuild, runBundle} from '../bundle.mjs'

requireAppBuild('flame')
runBundle(await bundle('bench/flame/main.ts', 'flame-bench'), ['--max-old-space-size=8192'])
