import type {OutlierMark} from './index-types'

/**
 * The `p`-th percentile (0–100) of ascending `sorted` values, by linear interpolation between the
 * closest ranks (numpy's default); undefined for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length
  if (n === 0) return undefined
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1)
  const lo = Math.floor(rank)
  const hi = Math.min(n - 1, lo + 1)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo)
}

/**
 * A sparkline of durations over time: points bucketed by time into at most `maxPoints` equal
 * spans between the first and last start, each the mean of its bucket; empty buckets are left out.
 * Input in any order; output oldest first.
 */
export function sparkline(
  points: readonly {startMs: number; durationMs: number}[],
  maxPoints = 40,
): {startMs: number; durationMs: number}[] {
  if (points.length <= maxPoints) {
    return [...points].sort((a, b) => a.startMs - b.startMs).map(p => ({...p}))
  }
  let first = Infinity
  let last = -Infinity
  for (const p of points) {
    first = Math.min(first, p.startMs)
    last = Math.max(last, p.startMs)
  }
  const width = (last - first) / maxPoints || 1
  const sum = new Float64Array(maxPoints)
  const count = new Uint32Array(maxPoints)
  for (const p of points) {
    const b = Math.min(maxPoints - 1, Math.floor((p.startMs - first) / width))
    sum[b]! += p.durationMs
    count[b]!++
  }
  const out: {startMs: number; durationMs: number}[] = []
  for (let b = 0; b < maxPoints; b++) {
    if (count[b]! > 0) out.push({startMs: first + b * width, durationMs: sum[b]! / count[b]!})
  }
  return out
}

/** Memory addresses differ per process: `<Foo object at 0x7f…>` compares equal across runs. */
export function comparablePreview(text: string): string {
  return text.replace(/\bat 0x[0-9a-f]+/gi, 'at 0x…')
}

/** One call as the outlier marks judge it. */
export interface CallForMarks {
  durationNs: number
  returnValue?: string
  exception?: string
}

/** How a function usually behaves, from a window of its recent calls. */
export interface CallNorms {
  medianNs?: number
  p95Ns?: number
  /** The most common return preview, when at least half the calls returned it. */
  typicalReturn?: string
  /** Calls in the window. */
  count: number
}

/** Fewer calls than this and nothing is called unusual. */
export const minCallsForOutliers = 5

/** Median, p95 and the typical return of a window of calls. */
export function callNorms(window: readonly CallForMarks[]): CallNorms {
  const durations = Float64Array.from(window, c => c.durationNs).sort()
  const returns = new Map<string, number>()
  let returned = 0
  for (const c of window) {
    if (c.exception !== undefined || c.returnValue === undefined) continue
    returned++
    const key = comparablePreview(c.returnValue)
    returns.set(key, (returns.get(key) ?? 0) + 1)
  }
  let typicalReturn: string | undefined
  let best = 0
  for (const [value, n] of returns) {
    if (n > best) [typicalReturn, best] = [value, n]
  }
  const norms: CallNorms = {count: window.length}
  const median = percentile(durations, 50)
  const p95 = percentile(durations, 95)
  if (median !== undefined) norms.medianNs = median
  if (p95 !== undefined) norms.p95Ns = p95
  if (typicalReturn !== undefined && best * 2 >= returned) norms.typicalReturn = typicalReturn
  return norms
}

/**
 * Why a call stands out against its function's norms.
 *
 * slow: longer than 3× the median and at least the p95 (so a flat history marks nothing, and a
 * steady 5% are not all called slow); exception: it raised; unusual-return: it returned something
 * other than the typical return. Nothing is marked with fewer than `minCallsForOutliers` calls.
 */
export function outlierMarks(call: CallForMarks, norms: CallNorms): OutlierMark[] {
  const marks: OutlierMark[] = []
  if (call.exception !== undefined) marks.push('exception')
  if (norms.count < minCallsForOutliers) return marks
  const {medianNs, p95Ns} = norms
  if (
    medianNs !== undefined &&
    p95Ns !== undefined &&
    call.durationNs > 3 * medianNs &&
    call.durationNs >= p95Ns
  ) {
    marks.unshift('slow')
  }
  if (
    call.exception === undefined &&
    norms.typicalReturn !== undefined &&
    call.returnValue !== undefined &&
    comparablePreview(call.returnValue) !== norms.typicalReturn
  ) {
    marks.push('unusual-return')
  }
  return marks
}
