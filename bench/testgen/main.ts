import {benchTestgen, formatFigures} from './testgen-bench'

// Entry of the bundled test-generation bench (dist/bench/testgen-bench.js): print figures.
//   node bench/testgen/run.mjs [--runs N]
const argv = process.argv.slice(2)
const runsAt = argv.indexOf('--runs')
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 7
console.log(`Kolo Explorer test generation bench — node ${process.version}`)
for (const line of formatFigures(await benchTestgen([6, 24, 60, 250], runs))) console.log(line)
console.log(
  'target: ≤ 200 ms to generate for a 100-query request (the `generate` column; `total` adds the gather)',
)
