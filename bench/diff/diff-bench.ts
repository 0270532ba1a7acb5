import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import type {DiffChildMode, DiffChildResult} from './diff-child'
import {generatePairStore} from './pair-store'
import type {PairStore} from './pair-store'

/** Options of the diff benchmark. */
export interface DiffBenchArgs {
  /** The bundled bench itself, run again as the children. */
  self: string
  /** 250k calls (500k records) only. */
  small: boolean
  /** 2k calls: checks the bench in seconds; its figures mean nothing. */
  tiny: boolean
  keep: boolean
  /** Also run the whole diffTraces (values, SQL, summary) on the built traces. */
  full: boolean
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

// A change of memory: "+16", "−2" (a peak below the start: V8 gave memory back meanwhile).
const signed = (n: number): string => (n < 0 ? `−${fmt(-n)}` : `+${fmt(n)}`)

/** Runs one measurement in a fresh Node process; a failure is returned as its message. */
function child(self: string, mode: DiffChildMode, args: string[]): DiffChildResult | string {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', self, '--child', mode, ...args],
    {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024},
  )
  const line = run.stdout.trim().split('\n').pop() ?? ''
  if (run.status === 0 && line.startsWith('{')) return JSON.parse(line) as DiffChildResult
  const why = (run.stderr || run.stdout || `exit ${String(run.status ?? run.signal)}`)
    .trim()
    .split('\n')
  return why.slice(-3).join(' | ')
}

/**
 * Generates pairs of fib traces (500k and 1.7M records; deep rounds of fib(24) and wide rounds of
 * fib(12)) that differ in a few places, then per pair: builds both models (one child each),
 * aligns them (one child: time, CPU, peak RSS above the loaded models), and with `full` runs the
 * whole diff as the worker would. Prints figures; never fails.
 */
export function runDiffBench(args: DiffBenchArgs): void {
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-diff-bench-'))
  console.log(
    `Diff benchmark — node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg()
      .map(n => fmt(n, 1))
      .join(' ')}`,
  )
  console.log(`generating stores in ${root}`)
  // [label, calls, top n of each round, edits]: deep rounds of fib(24), wide ones of fib(12),
  // and a flat loop of fib(3) rounds (a 50k–170k-long sibling list) with edits all over it.
  const sizes: [string, number, number, 'few' | 'many'][] = args.tiny
    ? [
        ['fib-2k deep', 2_000, 24, 'few'],
        ['fib-20k flat, many edits', 20_000, 3, 'many'],
      ]
    : args.small
      ? [
          ['500k deep', 250_000, 24, 'few'],
          ['500k wide', 250_000, 12, 'few'],
          ['500k flat, many edits', 250_000, 3, 'many'],
        ]
      : [
          ['500k deep', 250_000, 24, 'few'],
          ['500k wide', 250_000, 12, 'few'],
          ['500k flat, many edits', 250_000, 3, 'many'],
          ['1.7M deep', 850_000, 24, 'few'],
          ['1.7M flat, many edits', 850_000, 3, 'many'],
        ]
  try {
    for (const [label, calls, topN, edits] of sizes) {
      const started = performance.now()
      const store = generatePairStore(root, label.replace(/\W+/g, '-'), calls, topN, edits)
      console.log(
        `\n${label}: ${fmt(store.records.a)} + ${fmt(store.records.b)} records, fib(${topN}) rounds (generated in ${fmt((performance.now() - started) / 1000, 1)} s)`,
      )
      const {extraAt = [], dropAt = []} = store.variant
      const list = (at: number[]) => (at.length > 4 ? `${at.length} calls` : `#${at.join(', #')}`)
      console.log(`  B: probe calls after ${list(extraAt)}; left out ${list(dropAt)}`)
      measurePair(args, root, store)
    }
    console.log('\nOne long sibling list (50 names in no order) against a copy with random edits:')
    const lists: [number, number][] = args.tiny
      ? [[20_000, 200]]
      : [
          [100_000, 1_000],
          [500_000, 5_000],
        ]
    for (const [length, edits] of lists) {
      const r = child(args.self, 'lists', [String(length), String(edits)])
      if (typeof r === 'string') {
        console.log(`  ${fmt(length)}: failed: ${r}`)
        continue
      }
      const st = r.steps!
      console.log(
        `  ${fmt(length)} items, ${fmt(edits)} edits: ${fmt(r.ms)} ms wall · ${fmt(r.cpuMs)} ms CPU · ${signed(r.peakMb - r.rssBeforeMb)} MB · ${fmt(st.matched)} matched (≥ ${fmt(length - edits)} possible) · ${fmt(st.tables)} tables, ${fmt(st.anchorRounds)} anchor rounds, ${fmt(st.rankFallbacks)} fallbacks`,
      )
    }
  } finally {
    if (args.keep) console.log(`\nkept ${root}`)
    else rmSync(root, {recursive: true, force: true})
  }
}

function measurePair(args: DiffBenchArgs, root: string, store: PairStore): void {
  const files: string[] = []
  for (const [side, traceId] of [
    ['a', store.traceA],
    ['b', store.traceB],
  ] as const) {
    const file = path.join(root, `${path.basename(store.project)}-${side}.model`)
    const built = child(args.self, 'prepare', [store.project, traceId, file])
    if (typeof built === 'string') {
      console.log(`  build ${side}: failed: ${built}`)
      return
    }
    console.log(
      `  build ${side}: ${fmt(built.nodes)} nodes in ${fmt(built.ms)} ms (peak RSS ${fmt(built.peakMb)} MB)`,
    )
    files.push(file)
  }
  const aligned = child(args.self, 'align', files)
  if (typeof aligned === 'string') {
    console.log(`  align: failed: ${aligned}`)
  } else {
    const s = aligned.stats!
    const v = aligned.steps!
    console.log(
      `  align: ${fmt(aligned.ms)} ms wall · ${fmt(aligned.cpuMs)} ms CPU · RSS ${fmt(aligned.rssBeforeMb)} MB with both models → peak ${fmt(aligned.peakMb)} MB (${signed(aligned.peakMb - aligned.rssBeforeMb)} MB)`,
    )
    console.log(
      `         ${fmt(s.matched)} matched, ${fmt(s.insertedRows)} rows inserted in ${fmt(s.insertedSubtrees)} subtrees, ${fmt(s.removedRows)} removed in ${fmt(s.removedSubtrees)}, ${fmt(s.moved)} moved; ${fmt(s.identicalSubtrees)} identical subtrees, ${fmt(s.tables)} LCS tables (${fmt(s.tableCells)} cells), ${fmt(s.anchorRounds)} anchor rounds, ${fmt(s.rankFallbacks)} fallbacks`,
    )
    console.log(
      `  view:  unified tree ${fmt(v.treeMs)} ms · edit list ${fmt(v.editsMs)} ms (${fmt(v.edits)} edits) · flame deltas ${fmt(v.flameMs)} ms · peak ${fmt(v.viewPeakMb)} MB`,
    )
    console.log(
      `         diff view: entry shape ${fmt(v.viewShapeMs)} ms · rows: changes ${fmt(v.changeRowsMs, 1)} ms (${fmt(v.changeRows)} rows), all ${fmt(v.allRowsMs, 1)} ms, + timing ${fmt(v.timingRowsMs, 1)} ms · flame colours ${fmt(v.flameColorsMs)} ms`,
    )
    console.log(
      `         tree to colours in all: ${fmt(v.viewMs)} ms wall · ${fmt(v.viewCpuMs)} ms CPU (the figures above are wall time)`,
    )
  }
  if (!args.full) return
  const full = child(args.self, 'full', [store.project, store.traceA, store.traceB])
  if (typeof full === 'string') {
    console.log(`  diffTraces: failed: ${full}`)
    return
  }
  console.log(
    `  diffTraces (worker's job, ${fmt(full.steps?.comparedPairs)} pairs compared): ${fmt(full.ms)} ms wall · ${fmt(full.cpuMs)} ms CPU · RSS ${fmt(full.rssBeforeMb)} MB with both built → peak ${fmt(full.peakMb)} MB`,
  )
  console.log(`         ${full.summary ?? ''}`)
}
