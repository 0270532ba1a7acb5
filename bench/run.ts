import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {runChild} from './child'
import type {ChildMode, ChildResult} from './child'
import {generateFibStore, generateManyStore} from './generate'
import type {BigStore} from './generate'

/**
 * `npm run bench`: generates synthetic Kolo stores into a temp folder, measures loading them,
 * each load in its own child process, and prints figures. It never fails on a figure: timing
 * asserts are flaky, so compare within one run (the baseline column) instead.
 *
 *   node dist/bench/run.js [--small] [--keep]
 *     --small  250k calls only (quick look)
 *     --keep   leave the generated stores in place and print where they are
 */

const self = fileURLToPath(import.meta.url)
const workerPath = path.join(path.dirname(self), '..', 'main', 'trace-worker.js')

if (process.argv[2] === '--child') {
  const result = await runChild(process.argv[3] as ChildMode, process.argv.slice(4))
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

/** Runs one measurement in a fresh Node process; a failure is printed, not thrown. */
function child(mode: ChildMode, args: string[], env?: NodeJS.ProcessEnv): ChildResult | string {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', self, '--child', mode, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: env ? {...process.env, ...env} : process.env,
    },
  )
  const line = run.stdout.trim().split('\n').pop() ?? ''
  if (run.status === 0 && line.startsWith('{')) return JSON.parse(line) as ChildResult
  const why = (run.stderr || run.stdout || `exit ${String(run.status ?? run.signal)}`)
    .trim()
    .split('\n')
  return why.slice(-3).join(' | ')
}

/** One line of figures, or why the run failed. */
function report(name: string, r: ChildResult | string): void {
  const label = `    ${name}`.padEnd(name.length > 20 ? name.length + 6 : 24)
  if (typeof r === 'string') {
    console.log(`${label}failed: ${r}`)
    return
  }
  const held = r.bytesPerRecord === undefined ? '' : ` · ${fmt(r.bytesPerRecord)} B/record held`
  console.log(
    `${label}${fmt(r.ms)} ms wall · ${fmt(r.cpuMs)} ms CPU · peak RSS ${fmt(r.peakRssMb)} MB${held}`,
  )
}

const hugePages = (process.env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.hugetlb')

function main(): void {
  const small = process.argv.includes('--small')
  const keep = process.argv.includes('--keep')
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-bench-'))
  const cacheRoot = (name: string): string => path.join(root, 'cache', name)
  console.log(`Kolo Explorer benchmarks — node ${process.version}, ${availableParallelism()} CPUs`)
  console.log(`generating stores in ${root}`)
  if (!existsSync(workerPath)) {
    console.log(`  (no ${workerPath}: worker runs skipped; run npm run build)`)
  }
  try {
    const sizes: [string, number][] = small
      ? [['fib-250k', 250_000]]
      : [
          ['fib-250k', 250_000],
          ['fib-850k', 850_000],
        ]
    const stores: BigStore[] = []
    for (const [label, calls] of sizes) {
      const store = generateFibStore(root, label, calls)
      stores.push(store)
      console.log(
        `  ${label}: ${fmt(store.calls)} calls, ${fmt(store.records)} records, body ${fmt(store.bodyBytes / 1e6, 1)} MB (${fmt(store.generateMs)} ms, ${fmt(store.generateCpuMs)} ms CPU)`,
      )
    }
    const many = generateManyStore(root, 5000)
    console.log(
      `  many-5000: 5,000 small traces (${fmt(many.generateMs)} ms, ${fmt(many.generateCpuMs)} ms CPU)`,
    )

    console.log("\nLoad + model, each run in its own child process (peak RSS is that run's)")
    for (const s of stores) {
      console.log(`  ${s.label}: ${fmt(s.records)} records, body ${fmt(s.bodyBytes / 1e6, 1)} MB`)
      const inline = child('inline', [s.project, s.traceId, cacheRoot(`${s.label}-inline`)])
      report('load+model, inline', inline)
      if (typeof inline !== 'string' && inline.extra) {
        const {modelBytes = 0, nodes = 0} = inline.extra
        console.log(
          `${' '.repeat(24)}model ${fmt(modelBytes / 1e6, 1)} MB framed, ${fmt(nodes)} nodes`,
        )
      }
      if (existsSync(workerPath)) {
        report(
          'load+model, worker',
          child('worker', [s.project, s.traceId, cacheRoot(`${s.label}-worker`), workerPath]),
        )
      }
      if (existsSync(workerPath) && process.platform === 'linux' && !hugePages) {
        // First-touch page faults dominate on some VMs (see README, Benchmarks): the same run
        // with glibc's malloc on transparent huge pages shows how much.
        report(
          'load+model, worker, GLIBC_TUNABLES=glibc.malloc.hugetlb=1',
          child('worker', [s.project, s.traceId, cacheRoot(`${s.label}-worker-thp`), workerPath], {
            GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1',
          }),
        )
      }
      const base = child('baseline', [s.project, s.traceId])
      report('baseline: msgpackr', base)
      if (typeof inline !== 'string' && typeof base !== 'string') {
        console.log(
          `    ratio load+model / baseline: ${fmt(inline.ms / base.ms, 2)}× wall, ${fmt((inline.cpuMs ?? NaN) / (base.cpuMs ?? NaN), 2)}× CPU, ${fmt(inline.peakRssMb / base.peakRssMb, 2)}× peak RSS`,
        )
      }
    }

    console.log('\nTrace list, first page of 100 from 5,000 traces (openStore(path).listTraces)')
    const list = child('list', [many.project, '', cacheRoot('list')])
    if (typeof list === 'string') {
      console.log(`  failed: ${list}`)
    } else {
      const x = list.extra ?? {}
      console.log(
        `  cold ${fmt(list.ms, 1)} ms · same store again ${fmt(x.again, 1)} ms · reopened, warm cache ${fmt(x.warm, 1)} ms · page at offset 4,900 ${fmt(x.deep, 1)} ms · total ${fmt(list.records)} · peak RSS ${fmt(list.peakRssMb)} MB`,
      )
    }
    console.log(
      '\nRatios compare with the msgpackr baseline measured in the same run; absolute times vary by machine.',
    )
  } finally {
    if (keep) console.log(`kept ${root}`)
    else rmSync(root, {recursive: true, force: true})
  }
}

main()
