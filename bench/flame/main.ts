import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {runFlameBench} from './flame-bench'

// Entry of the bundled flame bench (dist/bench/flame-bench.js): parse flags, run, print.
const argv = process.argv.slice(2)
const shotsAt = argv.indexOf('--shots')
const onlyAt = argv.indexOf('--only')
await runFlameBench({
  small: argv.includes('--small'),
  big: argv.includes('--10m'),
  tiny: argv.includes('--tiny'),
  keep: argv.includes('--keep'),
  only: onlyAt >= 0 ? argv[onlyAt + 1] : undefined,
  shots: shotsAt >= 0 ? argv[shotsAt + 1] : undefined,
  repo: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'),
})
