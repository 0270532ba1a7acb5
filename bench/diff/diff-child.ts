import {readFileSync, writeFileSync} from 'node:fs'
import {decodeModel, encodeModel} from '../../shared/api/model-codec'
import {alignTraces} from '../../shared/diff/align-trees'
import type {AlignStats} from '../../shared/diff/alignment'
import {diffFlameInput} from '../../shared/diff/diff-flame'
import {SequenceAligner} from '../../shared/diff/sequence-align'
import {editList} from '../../shared/diff/edit-list'
import {unifiedTree} from '../../shared/diff/unified-tree'
import {builtSource} from '../../main/node/diff/built-source'
import {diffTraces} from '../../main/node/diff/diff-traces'
import {TraceEngine} from '../../main/node/trace-host/trace-engine'
import {deltaColorIndices, totalTimes} from '../../renderer/features/diff/delta-colors'
import {
  entriesOfRows,
  entryShape,
  timingMarks,
  visibleEntries,
} from '../../renderer/features/diff/diff-rows'

/**
 * What one diff-benchmark child measures, alone in its process: build a model to a file
 * (`prepare`), align two model files (`align`), or run the whole diffTraces on two built traces
 * (`full`), as the trace worker would. Prints one JSON line.
 */
export type DiffChildMode = 'prepare' | 'align' | 'full' | 'lists'

/** The figures a child reports. */
export interface DiffChildResult {
  ms: number
  cpuMs: number
  /** RSS when the measured step started, and the peak during it (VmHWM reset just before). */
  rssBeforeMb: number
  peakMb: number
  nodes?: number
  steps?: Record<string, number>
  stats?: AlignStats
  summary?: string
}

const gc = (): void => (globalThis as {gc?: () => void}).gc?.()
const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next peak is this step's. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

function peakMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024
}

/** Runs one measurement. */
export async function runDiffChild(mode: DiffChildMode, args: string[]): Promise<DiffChildResult> {
  switch (mode) {
    case 'prepare':
      return prepare(args[0]!, args[1]!, args[2]!)
    case 'align':
      return align(args[0]!, args[1]!)
    case 'full':
      return full(args[0]!, args[1]!, args[2]!)
    case 'lists':
      return lists(Number(args[0]), Number(args[1]))
  }
}

function measure<T>(run: () => T): {
  value: T
  ms: number
  cpuMs: number
  rssBeforeMb: number
  peakMb: number
} {
  gc()
  const rssBeforeMb = rssMb()
  const reset = resetPeak()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = run()
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  return {
    value,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rssBeforeMb,
    peakMb: reset ? peakMb() : NaN,
  }
}

// A trace from its store to a model file: what the app's worker builds, once per trace.
function prepare(storePath: string, traceId: string, out: string): DiffChildResult {
  const engine = new TraceEngine()
  const m = measure(() => engine.build({storePath, traceId}).model)
  writeFileSync(out, new Uint8Array(encodeModel(m.value)))
  engine.close()
  return {
    ms: m.ms,
    cpuMs: m.cpuMs,
    rssBeforeMb: m.rssBeforeMb,
    peakMb: m.peakMb,
    nodes: m.value.nodeCount,
  }
}

// Alignment alone, on two models as the view holds them; then the view's tree, edits and flame.
function align(fileA: string, fileB: string): DiffChildResult {
  const load = (file: string) => {
    const bytes = readFileSync(file)
    return decodeModel(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
  }
  const a = load(fileA)
  const b = load(fileB)
  const m = measure(() => alignTraces(a, b))
  const alignment = m.value
  const steps: Record<string, number> = {}
  const view = measure(() => {
    let t = performance.now()
    const tree = unifiedTree(alignment, a, b)
    steps.treeMs = performance.now() - t
    t = performance.now()
    const edits = editList(tree, alignment, a, b)
    steps.editsMs = performance.now() - t
    t = performance.now()
    const deltas = diffFlameInput(alignment, a, b)
    steps.flameMs = performance.now() - t
    // What the diff view computes from the diff and the two models (renderer/features/diff).
    t = performance.now()
    const shape = entryShape(tree)
    entriesOfRows(tree, a.nodeCount, b.nodeCount)
    steps.viewShapeMs = performance.now() - t
    const closed = {collapsed: new Uint8Array(tree.count), opened: new Uint8Array(tree.count)}
    t = performance.now()
    steps.changeRows = visibleEntries(tree, alignment, shape, {filter: 'changes', ...closed}).length
    steps.changeRowsMs = performance.now() - t
    t = performance.now()
    visibleEntries(tree, alignment, shape, {filter: 'all', ...closed})
    steps.allRowsMs = performance.now() - t
    t = performance.now()
    const timing = timingMarks(tree, shape, a, b, alignment.noise)
    visibleEntries(tree, alignment, shape, {filter: 'timing', timing, ...closed})
    steps.timingRowsMs = performance.now() - t
    t = performance.now()
    for (const [side, model, delta, counterpart, scope] of [
      ['a', a, deltas.deltaNsA, alignment.aToB, alignment.scopeA],
      ['b', b, deltas.deltaNsB, alignment.bToA, alignment.scopeB],
    ] as const) {
      const ownNs = totalTimes(model)
      deltaColorIndices({ownNs, deltaNs: delta, counterpart, scope, side}, alignment.noise)
    }
    steps.flameColorsMs = performance.now() - t
    return edits.edits.length + edits.omitted
  })
  steps.edits = view.value
  steps.viewPeakMb = view.peakMb
  steps.viewCpuMs = view.cpuMs
  steps.viewMs = view.ms
  return {...pick(m), nodes: a.nodeCount + b.nodeCount, steps, stats: alignment.stats}
}

// The worker's whole job on two built traces: align, compare values, SQL, HTTP, summary.
async function full(storePath: string, traceA: string, traceB: string): Promise<DiffChildResult> {
  const engine = new TraceEngine({maxBuilt: 2})
  const a = engine.build({storePath, traceId: traceA})
  const b = engine.build({storePath, traceId: traceB})
  gc()
  const rssBeforeMb = rssMb()
  const reset = resetPeak()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const diff = await diffTraces(builtSource(a), builtSource(b))
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  engine.close()
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rssBeforeMb,
    peakMb: reset ? peakMb() : NaN,
    nodes: a.model.nodeCount + b.model.nodeCount,
    steps: {comparedPairs: diff.compared.pairs, skippedPairs: diff.compared.skipped},
    summary: diff.summary.line,
  }
}

/**
 * One sibling list of `length` calls to `names` functions (a long loop calling a few functions in
 * no order), against a copy with `edits` random insertions, removals and renames: the LCS's worst
 * shape (too long for the table, keys repeated, so anchors are rare and the fallback runs).
 */
function lists(length: number, edits: number): DiffChildResult {
  let seed = 12345
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed % n
  }
  const names = 50
  const a = Int32Array.from({length}, () => rand(names))
  const b: number[] = Array.from(a)
  for (let e = 0; e < edits; e++) {
    const at = rand(b.length)
    const kind = rand(3)
    if (kind === 0) b.splice(at, 0, names + rand(names))
    else if (kind === 1) b.splice(at, 1)
    else b[at] = rand(names)
  }
  const keysB = Int32Array.from(b)
  const out = new Int32Array(length)
  const aligner = new SequenceAligner()
  const m = measure(() => aligner.align(a, a, length, keysB, keysB, keysB.length, out))
  return {
    ...pick(m),
    nodes: length + keysB.length,
    steps: {matched: m.value, edits, ...aligner.stats},
  }
}

function pick(
  m: ReturnType<typeof measure>,
): Pick<DiffChildResult, 'ms' | 'cpuMs' | 'rssBeforeMb' | 'peakMb'> {
  return {ms: m.ms, cpuMs: m.cpuMs, rssBeforeMb: m.rssBeforeMb, peakMb: m.peakMb}
}
