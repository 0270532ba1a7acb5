// Runs the test-generation benchmark: bundles bench/testgen/main.ts with esbuild (as
// bench/flame/run.mjs does) and runs it. Prints figures; never fails on a figure.
//   node bench/testgen/run.mjs [--runs N]
import {bundle, runBundle} from '../bundle.mjs'

runBundle(await bundle('bench/testgen/main.ts', 'testgen-bench'))
