// Runs the diff benchmark: bundles bench/diff/main.ts with esbuild (as scripts/build.mjs bundles
// bench/run.ts) and runs it. Each measurement runs in its own child process.
//   node bench/diff/run.mjs [--tiny | --small] [--align-only] [--keep]
import {bundle, runBundle} from '../bundle.mjs'

runBundle(await bundle('bench/diff/main.ts', 'diff-bench'))
