import type {TimelineItem} from '../../../shared/project-index/index-types'
import {timeTicks} from './timeline-axis'
import type {Tick} from './timeline-axis'
import type {TimelinePalette} from './timeline-colors'
import {BarStyle, barStyleCount, forEachInRange} from './timeline-layout'
import type {TimelineLayout} from './timeline-layout'

/** The axis strip's height at the top of the timeline, in CSS px. */
export const axisHeightPx = 22
const lanesTopPx = axisHeightPx + 4
const minLaneHeightPx = 4
const maxLaneHeightPx = 18

/** A visible time range, in ms from the layout's origin. */
export interface TimelineView {
  startMs: number
  endMs: number
}

/** Where and how big the timeline draws. */
export interface TimelineFrame {
  widthPx: number
  heightPx: number
  dpr: number
  view: TimelineView
  scrollTopPx: number
  laneHeightPx: number
  palette: TimelinePalette
  font: string
}

/** Patterns drawn over error and client-error bars (absent where a canvas cannot make them). */
export interface BarPatterns {
  error?: CanvasPattern
  client?: CanvasPattern
}

/** What one redraw drew. */
export interface TimelineDrawStats {
  visible: number
  drawn: number
}

/** Reused buffers: rectangles per fill bucket, and per lane and bucket the last pixel covered. */
export interface TimelineScratch {
  rects: Float32Array[]
  counts: Uint32Array
  laneEnds: Float64Array
}

/** Fresh scratch buffers. */
export function createTimelineScratch(): TimelineScratch {
  return {
    rects: Array.from({length: 2 * barStyleCount}, () => new Float32Array(256)),
    counts: new Uint32Array(2 * barStyleCount),
    laneEnds: new Float64Array(0),
  }
}

/** Lane height that fits every lane in `heightPx` when it can (4–18 px; past that, it scrolls). */
export function laneHeightFor(heightPx: number, laneCount: number): number {
  const fit = Math.floor((heightPx - lanesTopPx - 2) / Math.max(1, laneCount))
  return Math.max(minLaneHeightPx, Math.min(maxLaneHeightPx, fit))
}

/** How far the lanes can scroll, in CSS px. */
export function maxScrollPx(
  frame: Pick<TimelineFrame, 'heightPx' | 'laneHeightPx'>,
  laneCount: number,
): number {
  return Math.max(0, lanesTopPx + laneCount * frame.laneHeightPx + 2 - frame.heightPx)
}

/** The top of a lane, in CSS px. */
export function laneTop(frame: TimelineFrame, lane: number): number {
  return lanesTopPx + lane * frame.laneHeightPx - frame.scrollTopPx
}

/** The lane at a y position, or -1 above the lanes. */
export function laneAt(frame: TimelineFrame, yPx: number): number {
  if (yPx < lanesTopPx) return -1
  return Math.floor((yPx - lanesTopPx + frame.scrollTopPx) / frame.laneHeightPx)
}

/** The x position of a time (ms from the origin), in CSS px. */
export function xOf(frame: TimelineFrame, ms: number): number {
  const {startMs, endMs} = frame.view
  return ((ms - startMs) / Math.max(1e-9, endMs - startMs)) * frame.widthPx
}

/** The time (ms from the origin) at an x position. */
export function msAt(frame: TimelineFrame, xPx: number): number {
  const {startMs, endMs} = frame.view
  return startMs + (xPx / Math.max(1, frame.widthPx)) * (endMs - startMs)
}

/** An item's bar: at least 1 px wide; a nested item in the lower part of its parent's bar. */
export function barBox(
  frame: TimelineFrame,
  layout: TimelineLayout,
  i: number,
): {x: number; y: number; w: number; h: number} {
  const x = xOf(frame, layout.startMs[i]!)
  const w = Math.max(1, xOf(frame, layout.endMs[i]!) - x)
  const gap = frame.laneHeightPx >= 8 ? 2 : 1
  const top = laneTop(frame, layout.lane[i]!)
  const h = frame.laneHeightPx - gap
  if (!layout.nested[i]) return {x, y: top, w, h}
  const inset = Math.max(1, Math.floor(h * 0.45))
  return {x, y: top + inset, w, h: h - inset}
}

/** What a bar says when it is wide enough: the status first for requests. */
export function barLabel(item: TimelineItem): string {
  return item.status !== undefined ? `${item.status} ${item.label}` : item.label
}

function push(
  scratch: TimelineScratch,
  bucket: number,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  let rects = scratch.rects[bucket]!
  const at = scratch.counts[bucket]! * 4
  if (at + 4 > rects.length) {
    const grown = new Float32Array(rects.length * 2)
    grown.set(rects)
    scratch.rects[bucket] = rects = grown
  }
  rects[at] = x
  rects[at + 1] = y
  rects[at + 2] = w
  rects[at + 3] = h
  scratch.counts[bucket]!++
}

function fillBucket(ctx: CanvasRenderingContext2D, scratch: TimelineScratch, bucket: number) {
  const n = scratch.counts[bucket]!
  if (n === 0) return
  const rects = scratch.rects[bucket]!
  ctx.beginPath()
  for (let k = 0; k < n * 4; k += 4) {
    ctx.rect(rects[k]!, rects[k + 1]!, rects[k + 2]!, rects[k + 3]!)
  }
  ctx.fill()
}

/**
 * Draw the bars, the grid and the axis. One path and one fill per colour; bars under a pixel
 * wide grow to one pixel (a short request stays visible on a day-long axis), and a bar wholly
 * inside a pixel already painted in its lane with its colour is skipped. Errors and client errors
 * get a pattern over their colour; `selected` (per item, 1 = in the selection) dims the others.
 */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  frame: TimelineFrame,
  layout: TimelineLayout,
  scratch: TimelineScratch,
  selected: Uint8Array | undefined,
  patterns: BarPatterns = {},
): TimelineDrawStats {
  const {widthPx, heightPx, dpr, palette} = frame
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.fillStyle = palette.background
  ctx.fillRect(0, 0, widthPx, heightPx)
  const ticks = timeTicks(
    layout.originMs + frame.view.startMs,
    layout.originMs + frame.view.endMs,
    widthPx,
  )
  ctx.fillStyle = palette.grid
  for (const tick of ticks) {
    ctx.fillRect(Math.round(xOf(frame, tick.atMs - layout.originMs)), axisHeightPx, 1, heightPx)
  }

  const buckets = 2 * barStyleCount
  scratch.counts.fill(0)
  if (scratch.laneEnds.length < layout.laneCount * buckets) {
    scratch.laneEnds = new Float64Array(layout.laneCount * buckets)
  }
  scratch.laneEnds.fill(-Infinity, 0, layout.laneCount * buckets)
  const firstLane = Math.max(0, laneAt(frame, lanesTopPx))
  const lastLane = laneAt(frame, heightPx)
  const labelled: number[] = []
  let visible = 0
  let drawn = 0
  // Half a pixel either side: a bar that ends just before the view still shows its last pixel.
  const padMs = (0.5 / Math.max(1, widthPx)) * (frame.view.endMs - frame.view.startMs)
  forEachInRange(layout, frame.view.startMs - padMs, frame.view.endMs + padMs, i => {
    const lane = layout.lane[i]!
    if (lane < firstLane || lane > lastLane) return
    visible++
    const box = barBox(frame, layout, i)
    const bucket = layout.style[i]! + (selected && !selected[i] ? barStyleCount : 0)
    const slot = lane * buckets + bucket
    if (box.w <= 1) {
      // A bar under a pixel takes its whole pixel column; the next one there adds nothing.
      box.x = Math.floor(box.x)
      box.w = 1
      if (!layout.nested[i] && box.x + 1 <= scratch.laneEnds[slot]!) return
    }
    // Nested bars sit inside their parent: never skipped for it.
    if (!layout.nested[i]) scratch.laneEnds[slot] = Math.max(scratch.laneEnds[slot]!, box.x + box.w)
    push(scratch, bucket, box.x, box.y, box.w, box.h)
    drawn++
    if (box.w >= 48 && box.h >= 11) labelled.push(i)
  })
  for (let b = 0; b < buckets; b++) {
    ctx.fillStyle = palette.fills[b]!
    fillBucket(ctx, scratch, b)
  }
  const overlays: [number, CanvasPattern | undefined][] = [
    [BarStyle.error, patterns.error],
    [BarStyle.client, patterns.client],
  ]
  for (const [style, pattern] of overlays) {
    if (!pattern) continue
    ctx.fillStyle = pattern
    fillBucket(ctx, scratch, style)
    fillBucket(ctx, scratch, style + barStyleCount)
  }
  if (selected) outlineSelected(ctx, frame, scratch)
  drawLabels(ctx, frame, layout, labelled, selected)
  drawAxis(ctx, frame, ticks, layout.originMs)
  return {visible, drawn}
}

// The selected bars get an outline: the selection shows without relying on the dimmed colours.
function outlineSelected(
  ctx: CanvasRenderingContext2D,
  frame: TimelineFrame,
  scratch: TimelineScratch,
) {
  if (frame.laneHeightPx < 6) return
  ctx.beginPath()
  for (let style = 0; style < barStyleCount; style++) {
    const rects = scratch.rects[style]!
    for (let k = 0; k < scratch.counts[style]! * 4; k += 4) {
      const w = rects[k + 2]!
      if (w < 3) continue
      ctx.rect(rects[k]! + 0.5, rects[k + 1]! + 0.5, w - 1, rects[k + 3]! - 1)
    }
  }
  ctx.strokeStyle = frame.palette.selection
  ctx.lineWidth = 1
  ctx.stroke()
}

function drawLabels(
  ctx: CanvasRenderingContext2D,
  frame: TimelineFrame,
  layout: TimelineLayout,
  labelled: readonly number[],
  selected: Uint8Array | undefined,
) {
  if (labelled.length === 0) return
  ctx.font = frame.font
  ctx.textBaseline = 'middle'
  const advance = ctx.measureText('M').width || 6.6
  for (const i of labelled) {
    const box = barBox(frame, layout, i)
    const left = Math.max(box.x, 0) + 4
    const right = Math.min(box.x + box.w, frame.widthPx) - 4
    const chars = Math.floor((right - left) / advance)
    if (chars < 3) continue
    const text = barLabel(layout.items[i]!)
    const fitted = text.length <= chars ? text : `${text.slice(0, chars - 1)}…`
    const bucket = layout.style[i]! + (selected && !selected[i] ? barStyleCount : 0)
    ctx.fillStyle = frame.palette.labels[bucket]!
    ctx.fillText(fitted, left, box.y + box.h / 2 + 0.5)
  }
}

function drawAxis(
  ctx: CanvasRenderingContext2D,
  frame: TimelineFrame,
  ticks: readonly Tick[],
  originMs: number,
) {
  const {palette, widthPx} = frame
  ctx.fillStyle = palette.axisBackground
  ctx.fillRect(0, 0, widthPx, axisHeightPx)
  ctx.fillStyle = palette.grid
  ctx.fillRect(0, axisHeightPx - 1, widthPx, 1)
  ctx.font = frame.font
  ctx.textBaseline = 'middle'
  ctx.fillStyle = palette.axisText
  for (const tick of ticks) {
    const x = Math.round(xOf(frame, tick.atMs - originMs))
    ctx.fillRect(x, axisHeightPx - 5, 1, 4)
    ctx.fillText(tick.label, x + 4, axisHeightPx / 2)
  }
}
