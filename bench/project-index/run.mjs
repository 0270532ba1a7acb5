// Runs the project-index benchmark: bundles bench/project-index/main.ts and the project-index
// worker with esbuild (as scripts/build.mjs bundles the app) and runs it.
//   node bench/project-index/run.mjs [--traces 5000] [--calls 400] [--keep]
import {bundle, runBundle} from '../bundle.mjs'

const outfile = await bundle('bench/project-index/main.ts', 'project-index-bench')
await bundle('main/node/project-index/project-index-worker.ts', 'project-index-worker')
runBundle(outfile)
