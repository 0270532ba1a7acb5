import type {TimelineItem} from '../../../shared/project-index/index-types'
import {assignLanes} from '../../../shared/project-index/timeline-lanes'

/** How a bar is drawn: its colour class (and, for errors and client errors, a pattern). */
export const BarStyle = {ok: 0, client: 1, error: 2, test: 3, job: 4, script: 5} as const

/** One bar style. */
export type BarStyleId = (typeof BarStyle)[keyof typeof BarStyle]

/** Number of bar styles. */
export const barStyleCount = 6

/** Legend labels of the styles, in style order. */
export const barStyleLabels = ['2xx/3xx', '4xx', '5xx/error', 'test', 'job', 'script'] as const

/**
 * The timeline's items laid out: times in ms from the earliest start, a lane each, a style each.
 *
 * Top-level items take lanes so that no two overlapping ones share a lane (overlap in time shows
 * as stacked bars). An item nested in another of its trace (a test's request) shares its parent's
 * lane and is drawn inset in it. Items keep the order given (oldest first).
 */
export interface TimelineLayout {
  items: readonly TimelineItem[]
  count: number
  originMs: number
  /** The span from the earliest start to the latest end (at least 1 ms). */
  domainMs: number
  startMs: Float64Array
  endMs: Float64Array
  lane: Uint32Array
  laneCount: number
  nested: Uint8Array
  style: Uint8Array
  /** The longest item: a visible-range search starts this far before the view. */
  maxDurationMs: number
  /** Items by start (ascending; ties by index). */
  byStart: Uint32Array
  /** Distinct traces, in item order. */
  traceIds: string[]
}

/** The style of an item: tests, jobs and scripts by kind; requests by status and error. */
export function styleOf(item: TimelineItem): BarStyleId {
  if (item.error || (item.status !== undefined && item.status >= 500)) return BarStyle.error
  if (item.kind === 'test') return BarStyle.test
  if (item.kind === 'job') return BarStyle.job
  if (item.kind === 'script') return BarStyle.script
  if (item.status !== undefined && item.status >= 400) return BarStyle.client
  return BarStyle.ok
}

/** Lay out timeline items (see TimelineLayout). */
export function layOutTimeline(items: readonly TimelineItem[]): TimelineLayout {
  const n = items.length
  let originMs = Infinity
  let lastMs = -Infinity
  for (const item of items) {
    originMs = Math.min(originMs, item.startMs)
    lastMs = Math.max(lastMs, item.endMs, item.startMs)
  }
  if (n === 0) originMs = lastMs = 0
  const startMs = new Float64Array(n)
  const endMs = new Float64Array(n)
  const nested = new Uint8Array(n)
  const style = new Uint8Array(n)
  let maxDurationMs = 0
  const traceIds: string[] = []
  const topOfTrace = new Map<string, number[]>()
  for (let i = 0; i < n; i++) {
    const item = items[i]!
    startMs[i] = item.startMs - originMs
    endMs[i] = Math.max(item.endMs, item.startMs) - originMs
    maxDurationMs = Math.max(maxDurationMs, endMs[i]! - startMs[i]!)
    style[i] = styleOf(item)
    let tops = topOfTrace.get(item.traceId)
    if (!tops) {
      topOfTrace.set(item.traceId, (tops = []))
      traceIds.push(item.traceId)
    }
    if (!item.nested) tops.push(i)
  }
  // Nested items ride in their parent's lane; one whose parent is missing gets a lane of its own.
  const parentOf = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    if (!items[i]!.nested) continue
    const tops = topOfTrace.get(items[i]!.traceId) ?? []
    const parent = tops.find(t => startMs[t]! <= startMs[i]! && endMs[t]! >= endMs[i]!)
    if (parent !== undefined) {
      parentOf[i] = parent
      nested[i] = 1
    }
  }
  const own: number[] = []
  for (let i = 0; i < n; i++) if (parentOf[i] === -1) own.push(i)
  const lanes = assignLanes(own.map(i => ({startMs: startMs[i]!, endMs: endMs[i]!})))
  const lane = new Uint32Array(n)
  own.forEach((item, k) => (lane[item] = lanes.lane[k]!))
  for (let i = 0; i < n; i++) if (parentOf[i]! >= 0) lane[i] = lane[parentOf[i]!]!
  const byStart = Uint32Array.from({length: n}, (_, i) => i).sort(
    (a, b) => startMs[a]! - startMs[b]! || a - b,
  )
  return {
    items,
    count: n,
    originMs,
    domainMs: Math.max(1, lastMs - originMs),
    startMs,
    endMs,
    lane,
    laneCount: lanes.laneCount,
    nested,
    style,
    maxDurationMs,
    byStart,
    traceIds,
  }
}

/** First position in `byStart` whose item starts at or after `ms`. */
export function firstStartingAt(layout: TimelineLayout, ms: number): number {
  let lo = 0
  let hi = layout.count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (layout.startMs[layout.byStart[mid]!]! < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Call `visit(i)` for every item that overlaps [fromMs, toMs] (ms from the origin), by start.
 * Starts the scan at the longest item's length before `fromMs`, so the cost follows what is
 * visible, not the project's size.
 */
export function forEachInRange(
  layout: TimelineLayout,
  fromMs: number,
  toMs: number,
  visit: (i: number) => void,
): void {
  const {byStart, startMs, endMs} = layout
  for (let k = firstStartingAt(layout, fromMs - layout.maxDurationMs); k < layout.count; k++) {
    const i = byStart[k]!
    if (startMs[i]! > toMs) break
    if (endMs[i]! >= fromMs) visit(i)
  }
}

/** The distinct traces of the items that overlap [fromMs, toMs] (ms from the origin). */
export function tracesInRange(layout: TimelineLayout, fromMs: number, toMs: number): string[] {
  const seen = new Set<string>()
  forEachInRange(layout, fromMs, toMs, i => seen.add(layout.items[i]!.traceId))
  return [...seen]
}
