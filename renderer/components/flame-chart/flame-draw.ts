import type {DepthIndex} from '../../../shared/algorithms/depth-index'
import type {FlameColumns} from '../../../shared/algorithms/flame-columns'
import {createRunBuffer, layoutDepth} from '../../../shared/algorithms/flame-lod'
import type {RunBuffer} from '../../../shared/algorithms/flame-lod'
import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import {NodeKind} from '../../../shared/model/node-kind'
import {colorCount, colorIndex} from './flame-colors'
import type {Palette} from './flame-colors'
import type {TextFitter} from './text-fitter'

/** What is drawn: columns, their depth index and the strings their name ids point into. */
export interface FlameSourceData {
  cols: FlameColumns
  index: DepthIndex
  strings: readonly string[]
  /**
   * The colour index of a row (below `colorCount`), where a source colours by something else
   * than kind (the diff flame: by time delta); default `colorIndex` of kind, flags and name.
   */
  colorOf?: (row: number, dimmed: boolean) => number
}

/** The colour index of a row of `data`: its own colouring, else by kind. */
function colorOfRow(data: FlameSourceData, row: number, dimmed: boolean): number {
  const {cols} = data
  return data.colorOf
    ? data.colorOf(row, dimmed)
    : colorIndex(cols.kind[row]!, cols.flags[row]!, cols.nameId[row]!, dimmed)
}

/** The geometry of one redraw, in CSS px (the context is scaled by `dpr`). */
export interface DrawFrame {
  widthPx: number
  heightPx: number
  dpr: number
  view: TimeView
  scrollTopPx: number
  rowHeightPx: number
  /** Depth 0 at the bottom (the sandwich's callers). */
  inverted: boolean
  palette: Palette
}

/** Buffers reused between redraws so that a redraw allocates (almost) nothing. */
export interface DrawScratch {
  runs: RunBuffer
  rects: Float32Array[]
  rectCounts: Uint32Array
  labels: Float64Array
  labelCount: number
}

/** Fresh scratch buffers. */
export function createScratch(): DrawScratch {
  return {
    runs: createRunBuffer(),
    rects: Array.from({length: colorCount}, () => new Float32Array(256)),
    rectCounts: new Uint32Array(colorCount),
    labels: new Float64Array(4 * 256),
    labelCount: 0,
  }
}

/** Counts of one redraw, for tests and the bench. */
export interface DrawStats {
  depths: number
  rects: number
  merged: number
  labels: number
  fills: number
}

/** Font of the labels; monospace, so that TextFitter can fit by character count. */
export const labelFont = '11px "JetBrains Mono", ui-monospace, Menlo, Consolas, monospace'
const labelPadPx = 3
const minLabelPx = 5

/** The first and last depth a frame shows (inclusive; last < first when none). */
export function visibleDepths(frame: DrawFrame, depthCount: number): [number, number] {
  const first = Math.max(0, Math.floor(frame.scrollTopPx / frame.rowHeightPx))
  const last = Math.min(
    depthCount - 1,
    Math.floor((frame.scrollTopPx + frame.heightPx - 1) / frame.rowHeightPx),
  )
  return [first, last]
}

/** The y (CSS px, top) of a depth's row. */
export function rowTop(frame: DrawFrame, depth: number): number {
  const fromEdge = depth * frame.rowHeightPx - frame.scrollTopPx
  return frame.inverted ? frame.heightPx - fromEdge - frame.rowHeightPx : fromEdge
}

/** The depth at a y (CSS px), possibly outside the data. */
export function depthAt(frame: DrawFrame, yPx: number): number {
  const fromEdge = frame.inverted ? frame.heightPx - yPx : yPx
  return Math.floor((fromEdge + frame.scrollTopPx) / frame.rowHeightPx)
}

function pushRect(s: DrawScratch, color: number, x: number, y: number, w: number, h: number): void {
  let buf = s.rects[color]!
  const k = s.rectCounts[color]! * 4
  if (k + 4 > buf.length) {
    const grown = new Float32Array(buf.length * 2)
    grown.set(buf)
    s.rects[color] = buf = grown
  }
  buf[k] = x
  buf[k + 1] = y
  buf[k + 2] = w
  buf[k + 3] = h
  s.rectCounts[color]!++
}

function pushLabel(s: DrawScratch, row: number, x: number, y: number, w: number): void {
  const k = s.labelCount * 4
  if (k + 4 > s.labels.length) {
    const grown = new Float64Array(s.labels.length * 2)
    grown.set(s.labels)
    s.labels = grown
  }
  s.labels[k] = row
  s.labels[k + 1] = x
  s.labels[k + 2] = y
  s.labels[k + 3] = w
  s.labelCount++
}

/**
 * Draw the visible rectangles: level-of-detail runs per depth, touching neighbours coalesced,
 * bucketed per colour (one fillStyle per colour), then the labels that fit. `matches` (per row, 1 = match) dims the rest.
 */
export function drawNodes(
  ctx: CanvasRenderingContext2D,
  frame: DrawFrame,
  data: FlameSourceData,
  scratch: DrawScratch,
  fitter: TextFitter | undefined,
  matches: Uint8Array | undefined,
): DrawStats {
  const {cols, index} = data
  const {widthPx, dpr, view, rowHeightPx} = frame
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, widthPx, frame.heightPx)
  const stats: DrawStats = {depths: 0, rects: 0, merged: 0, labels: 0, fills: 0}
  const nsPerPx = (view.endNs - view.startNs) / widthPx
  if (!(nsPerPx > 0)) return stats
  scratch.rectCounts.fill(0)
  scratch.labelCount = 0
  const runs = scratch.runs
  const horizontal = {startNs: view.startNs, nsPerPx, widthPx}
  const minPx = 1 / dpr
  const rectHeight = rowHeightPx > 4 ? rowHeightPx - 1 : rowHeightPx
  const [first, last] = visibleDepths(frame, index.depthCount)
  // Snap to physical pixels: crisp edges, and no coverage maths for the rasterizer.
  const snap = (x: number): number => Math.round(x * dpr) / dpr
  for (let d = first; d <= last; d++) {
    stats.depths++
    const count = layoutDepth(index, cols, d, horizontal, minPx, runs)
    const y = rowTop(frame, d)
    // The rectangle being built: neighbours that touch are coalesced into it when they share a
    // colour, or when both are dense (under 2 px, or merged runs): the rasterizer's cost grows
    // with the number of rectangles, and a dense stretch reads as one bar anyway.
    let color = -1
    let left = 0
    let right = 0
    let dense = false
    const flush = (): void => {
      if (color >= 0) pushRect(scratch, color, left, y, Math.max(right - left, minPx), rectHeight)
    }
    for (let k = 0; k < count; k++) {
      const row = runs.row[k]!
      const x0 = snap(Math.max(runs.x0[k]!, -1))
      let x1 = snap(Math.min(runs.x1[k]!, widthPx + 1))
      if (x1 - x0 < minPx) x1 = x0 + minPx
      const merged = runs.merged[k]!
      // Logs and exceptions are instants: a 3 px marker keeps them visible (and clickable).
      const kind = cols.kind[row]!
      if (merged === 1 && (kind === NodeKind.log || kind === NodeKind.exception) && x1 - x0 < 3) {
        x1 = x0 + 3
      }
      // A 1 px gap separates neighbours wide enough to spare it.
      if (x1 - x0 > 3) x1 -= 1
      const isDense = merged > 1 || x1 - x0 < 2
      const dimmed = matches !== undefined && matches[row] !== 1
      const c = colorOfRow(data, row, dimmed)
      if (color >= 0 && x0 <= right + minPx && (c === color || (dense && isDense))) {
        right = Math.max(right, x1)
        dense &&= isDense
      } else {
        flush()
        color = c
        left = x0
        right = x1
        dense = isDense
      }
      if (merged > 1) stats.merged += merged
      else if (fitter && x1 - x0 >= minLabelPx + 2 * labelPadPx) {
        pushLabel(scratch, row, x0, y, x1 - x0)
      }
    }
    flush()
  }
  for (let c = 0; c < colorCount; c++) stats.rects += scratch.rectCounts[c]!
  // One fillStyle per colour, then a fillRect per rectangle rather than one path per colour:
  // in headless Chromium without GPU, 20,000 rectangles took 50–570 ms to rasterize as one path
  // per colour and ~30 ms as fillRects (measured while writing bench/flame).
  for (let c = 0; c < colorCount; c++) {
    const n = scratch.rectCounts[c]!
    if (n === 0) continue
    const buf = scratch.rects[c]!
    ctx.fillStyle = frame.palette.fills[c]!
    for (let k = 0; k < n * 4; k += 4) ctx.fillRect(buf[k]!, buf[k + 1]!, buf[k + 2]!, buf[k + 3]!)
    stats.fills++
  }
  if (fitter && rowHeightPx >= 12) {
    stats.labels = drawLabels(ctx, frame, data, scratch, fitter, matches)
  }
  return stats
}

function drawLabels(
  ctx: CanvasRenderingContext2D,
  frame: DrawFrame,
  data: FlameSourceData,
  scratch: DrawScratch,
  fitter: TextFitter,
  matches: Uint8Array | undefined,
): number {
  const {cols, strings} = data
  fitter.setFont(labelFont, frame.dpr)
  ctx.font = labelFont
  ctx.textBaseline = 'middle'
  let fill = ''
  let drawn = 0
  const labels = scratch.labels
  for (let k = 0; k < scratch.labelCount * 4; k += 4) {
    const row = labels[k]!
    // Labels stick to the visible part of a rectangle that runs off the left edge.
    const left = Math.max(labels[k + 1]!, 0)
    const right = Math.min(labels[k + 1]! + labels[k + 3]!, frame.widthPx)
    const text = fitter.fit(strings[cols.nameId[row]!] ?? '', right - left - 2 * labelPadPx)
    if (text === '') continue
    const dimmed = matches !== undefined && matches[row] !== 1
    const color = colorOfRow(data, row, dimmed)
    const want = frame.palette.labels[color]!
    if (want !== fill) ctx.fillStyle = fill = want
    ctx.fillText(text, left + labelPadPx, labels[k + 2]! + frame.rowHeightPx / 2)
    drawn++
  }
  return drawn
}

/** Outline rows on the overlay canvas (selection, hover); rows off screen are skipped. */
export function drawOutlines(
  ctx: CanvasRenderingContext2D,
  frame: DrawFrame,
  cols: FlameColumns,
  outlines: readonly {row: number; color: string; lineWidthPx: number}[],
): void {
  ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0)
  ctx.clearRect(0, 0, frame.widthPx, frame.heightPx)
  const nsPerPx = (frame.view.endNs - frame.view.startNs) / frame.widthPx
  for (const {row, color, lineWidthPx} of outlines) {
    if (row < 0 || row >= cols.nodeCount || !(nsPerPx > 0)) continue
    const y = rowTop(frame, cols.depth[row]!)
    if (y + frame.rowHeightPx < 0 || y > frame.heightPx) continue
    const x0 = Math.max((cols.startNs[row]! - frame.view.startNs) / nsPerPx, -lineWidthPx)
    const x1 = Math.min(
      (cols.endNs[row]! - frame.view.startNs) / nsPerPx,
      frame.widthPx + lineWidthPx,
    )
    if (x1 < 0 || x0 > frame.widthPx) continue
    const w = Math.max(x1 - x0, 2)
    ctx.strokeStyle = color
    ctx.lineWidth = lineWidthPx
    const inset = lineWidthPx / 2
    ctx.strokeRect(
      x0 + inset,
      y + inset,
      Math.max(w - lineWidthPx, 1),
      frame.rowHeightPx - 1 - lineWidthPx,
    )
  }
}
