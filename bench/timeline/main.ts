import {runTimelineBench} from './timeline-bench'

// Entry of the bundled timeline bench (dist/bench/timeline-bench.js): parse flags, run, print.
const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
await runTimelineBench({
  traces: Number(arg('--traces') ?? 5000),
  meanCalls: Number(arg('--calls') ?? 40),
  keep: argv.includes('--keep'),
  shots: arg('--shots'),
})
