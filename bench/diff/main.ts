import {fileURLToPath} from 'node:url'
import {runDiffChild} from './diff-child'
import type {DiffChildMode} from './diff-child'
import {runDiffBench} from './diff-bench'

// Entry of the bundled diff bench (dist/bench/diff-bench.js): a child measurement, or the run.
const argv = process.argv.slice(2)
if (argv[0] === '--child') {
  const result = await runDiffChild(argv[1] as DiffChildMode, argv.slice(2))
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}
runDiffBench({
  self: fileURLToPath(import.meta.url),
  small: argv.includes('--small'),
  tiny: argv.includes('--tiny'),
  keep: argv.includes('--keep'),
  full: !argv.includes('--align-only'),
})
