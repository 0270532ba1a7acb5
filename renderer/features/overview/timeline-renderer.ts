import {
  clampView as clampNs,
  panView as panNs,
  viewAround as aroundNs,
  zoomView as zoomNs,
} from '../../../shared/algorithms/flame-viewport'
import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {FrameScheduler, cssVar, fitCanvases, readFlag} from '../../components/canvas-surface'
import {hideCanvasTooltip, showCanvasTooltip} from '../../components/canvas-tooltip'
import {onThemeChange} from '../../components/theme'
import {buildTimelinePalette, defaultTimelineTheme, readTimelineTheme} from './timeline-colors'
import type {TimelinePalette} from './timeline-colors'
import {
  axisHeightPx,
  barBox,
  createTimelineScratch,
  drawTimeline,
  laneAt,
  laneHeightFor,
  laneTop,
  maxScrollPx,
  msAt,
  xOf,
} from './timeline-draw'
import type {BarPatterns, TimelineDrawStats, TimelineFrame, TimelineView} from './timeline-draw'
import {forEachInRange} from './timeline-layout'
import type {TimelineLayout} from './timeline-layout'
import {makePatterns} from './timeline-patterns'
import {tooltipLines} from './timeline-tooltip'

/** The elements a timeline draws into and listens on. */
export interface TimelineHost {
  container: HTMLElement
  bars: HTMLCanvasElement
  overlay: HTMLCanvasElement
  tooltip: HTMLElement
}

/** What the timeline tells its host. */
export interface TimelineCallbacks {
  /** An item was clicked, or Enter pressed on the focused one. */
  onOpen(item: TimelineItem): void
  /** A time range was brushed (epoch ms): select the traces in it. */
  onBrush(fromMs: number, toMs: number): void
  /** Escape: clear the selection. */
  onClearSelection(): void
  /** The keyboard focus moved to an item (or left the items). */
  onFocusItem(item: TimelineItem | undefined): void
  /** The visible range changed (epoch ms); called once per redraw at most. */
  onViewChanged(fromMs: number, toMs: number): void
}

/** One redraw's timing (the bench reads it; also the `timeline-draw` performance measure). */
export interface TimelineDrawTiming extends TimelineDrawStats {
  ms: number
}

const flushTiming = readFlag('kolo-timeline-flush-timing')

// The flame chart's viewport arithmetic is unit-free: the timeline's ms go through it as "ns".
const asNs = (v: TimelineView): TimeView => ({startNs: v.startMs, endNs: v.endMs})
const asMs = (v: TimeView): TimelineView => ({startMs: v.startNs, endMs: v.endNs})
const clampView = (v: TimelineView, domain: number, min: number) =>
  asMs(clampNs(asNs(v), domain, min))
const zoomView = (v: TimelineView, f: number, at: number, domain: number, min: number) =>
  asMs(zoomNs(asNs(v), f, at, domain, min))
const panView = (v: TimelineView, d: number, domain: number, min: number) =>
  asMs(panNs(asNs(v), d, domain, min))
const viewAround = (s: number, e: number, pad: number, domain: number, min: number) =>
  asMs(aroundNs(s, e, pad, domain, min))

/**
 * The imperative timeline: a canvas of bars (items on a time axis, one lane per overlap) and an
 * overlay for hover, keyboard focus and the brush. React mounts and disposes it; data and
 * selection arrive through setters; input redraws in one animation frame, never through React.
 */
export class TimelineRenderer {
  private layout: TimelineLayout | undefined
  private view: TimelineView = {startMs: 0, endMs: 1}
  private scrollTopPx = 0
  private widthPx = 0
  private heightPx = 0
  private dpr = 1
  private selected: Uint8Array | undefined
  private selectedIds: ReadonlySet<string> | undefined
  private hovered = -1
  private focused = -1
  private brush: {fromMs: number; toMs: number} | undefined
  private dirtyBars = false
  private palette: TimelinePalette = buildTimelinePalette(defaultTimelineTheme)
  private patterns: BarPatterns = {}
  private font = '11px monospace'
  private readonly scratch = createTimelineScratch()
  private readonly scheduler = new FrameScheduler(() => this.draw())
  private readonly resizeObserver: ResizeObserver | undefined
  private readonly offTheme: () => void
  private painted = false
  /** Called after each redraw of the bars (the bench and tests listen). */
  onDrawn: ((timing: TimelineDrawTiming) => void) | undefined

  constructor(
    private readonly host: TimelineHost,
    readonly callbacks: TimelineCallbacks,
  ) {
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.resize())
      this.resizeObserver.observe(host.container)
    }
    this.offTheme = onThemeChange(this.onThemeChanged)
    this.onThemeChanged()
    this.resize()
  }

  private readonly onThemeChanged = (): void => {
    this.palette = buildTimelinePalette(readTimelineTheme(this.host.container))
    this.font = `11px ${cssVar(this.host.container, '--font-mono', 'monospace')}`
    this.patterns = makePatterns(this.host.bars, this.palette)
    this.requestDraw()
  }

  /**
   * Show new items. The view stays on the same wall-clock range (a live refresh), unless it showed
   * everything, in which case it shows everything again (so new traces come into view).
   */
  setLayout(layout: TimelineLayout | undefined): void {
    const old = this.layout
    const wasWhole = !old || (this.view.startMs <= 0 && this.view.endMs >= old.domainMs - 1e-6)
    const focusedItem = old && this.focused >= 0 ? old.items[this.focused] : undefined
    this.layout = layout
    this.hovered = -1
    this.focused = -1
    if (!layout) return this.requestDraw()
    if (wasWhole || !old) this.view = {startMs: 0, endMs: layout.domainMs}
    else {
      const shift = old.originMs - layout.originMs
      this.view = clampView(
        {startMs: this.view.startMs + shift, endMs: this.view.endMs + shift},
        layout.domainMs,
        this.minSpanMs(),
      )
    }
    if (focusedItem) this.focused = layout.items.indexOf(focusedItem)
    this.applySelection()
    this.clampScroll()
    this.requestDraw()
    if (!this.painted) this.scheduler.flush()
  }

  /** The items shown. */
  getLayout(): TimelineLayout | undefined {
    return this.layout
  }

  /** Dim the items of other traces (undefined: no selection, nothing dimmed). */
  setSelection(traceIds: ReadonlySet<string> | undefined): void {
    this.selectedIds = traceIds
    this.applySelection()
    this.requestDraw()
  }

  /** Show a brushed range (epoch ms), or none. */
  setBrush(range: {fromMs: number; toMs: number} | undefined): void {
    this.brush = range
    this.requestDraw(false)
  }

  private applySelection(): void {
    const layout = this.layout
    const ids = this.selectedIds
    if (!layout || !ids) {
      this.selected = undefined
      return
    }
    const selected = new Uint8Array(layout.count)
    for (let i = 0; i < layout.count; i++) selected[i] = ids.has(layout.items[i]!.traceId) ? 1 : 0
    this.selected = selected
  }

  /** The visible range, in ms from the layout's origin. */
  getView(): TimelineView {
    return this.view
  }

  /** Move the view (clamped to the items' span). */
  setView(view: TimelineView): void {
    const next = clampView(view, this.layout?.domainMs ?? 1, this.minSpanMs())
    if (next.startMs === this.view.startMs && next.endMs === this.view.endMs) return
    this.view = next
    this.hover(-1)
    this.requestDraw()
  }

  /** Zoom by `factor` (< 1 zooms in) around the x position `anchorPx` (default: the middle). */
  zoom(factor: number, anchorPx = this.widthPx / 2): void {
    const anchorMs = msAt(this.frame(), anchorPx)
    this.setView(
      zoomView(this.view, factor, anchorMs, this.layout?.domainMs ?? 1, this.minSpanMs()),
    )
  }

  /** Pan by CSS px (positive dx: later; positive dy: lower lanes). */
  pan(dxPx: number, dyPx: number): void {
    if (dxPx !== 0) {
      const deltaMs = (dxPx / Math.max(1, this.widthPx)) * (this.view.endMs - this.view.startMs)
      this.setView(panView(this.view, deltaMs, this.layout?.domainMs ?? 1, this.minSpanMs()))
    }
    if (dyPx !== 0) {
      this.scrollTopPx += dyPx
      this.clampScroll()
      this.hover(-1)
      this.requestDraw()
    }
  }

  /** Show every item. */
  resetView(): void {
    this.scrollTopPx = 0
    this.setView({startMs: 0, endMs: this.layout?.domainMs ?? 1})
    this.requestDraw()
  }

  /** Zoom so that item `i` fills most of the view. */
  zoomToItem(i: number): void {
    const l = this.layout
    if (!l || i < 0 || i >= l.count) return
    this.setView(viewAround(l.startMs[i]!, l.endMs[i]!, 0.25, l.domainMs, this.minSpanMs()))
    this.revealLane(l.lane[i]!)
  }

  /** The item under a point (CSS px), or -1; a bar within 2 px counts, a nested bar wins. */
  itemAt(xPx: number, yPx: number): number {
    const l = this.layout
    if (!l || yPx < axisHeightPx) return -1
    const frame = this.frame()
    const lane = laneAt(frame, yPx)
    const tolMs = (2 / Math.max(1, this.widthPx)) * (this.view.endMs - this.view.startMs)
    const atMs = msAt(frame, xPx)
    let best = -1
    forEachInRange(l, atMs - tolMs, atMs + tolMs, i => {
      if (l.lane[i] !== lane) return
      const box = barBox(frame, l, i)
      if (yPx < box.y - 1 || yPx > box.y + box.h + 1) return
      if (best < 0 || l.nested[i]) best = i
    })
    return best
  }

  /** The time (epoch ms) at an x position. */
  timeAt(xPx: number): number {
    return (this.layout?.originMs ?? 0) + msAt(this.frame(), xPx)
  }

  /** Hover an item (from the pointer), with its tooltip at the pointer. */
  hover(i: number, clientX = 0, clientY = 0): void {
    if (i !== this.hovered) {
      this.hovered = i
      this.requestDraw(false)
    }
    const item = i >= 0 ? this.layout?.items[i] : undefined
    if (item) {
      showCanvasTooltip(
        this.host.tooltip,
        this.host.container,
        tooltipLines(item),
        clientX,
        clientY,
      )
    } else hideCanvasTooltip(this.host.tooltip)
  }

  /** Draw the brush being dragged (epoch ms), or none. */
  setDragBrush(range: {fromMs: number; toMs: number} | undefined): void {
    this.brush = range
    this.requestDraw(false)
  }

  /** The keyboard-focused item, or -1. */
  getFocused(): number {
    return this.focused
  }

  /** Focus an item from the keyboard: reveal it, outline it, tell the host. */
  focusItem(i: number): void {
    const l = this.layout
    if (!l || i < 0 || i >= l.count) return
    this.focused = i
    this.revealItem(i)
    this.requestDraw(false)
    this.callbacks.onFocusItem(l.items[i])
  }

  /** Move the focus along time: the next (1) or previous (-1) item by start. */
  focusStep(step: 1 | -1): void {
    const l = this.layout
    if (!l || l.count === 0) return
    if (this.focused < 0) return this.focusItem(this.firstVisible())
    const at = l.byStart.indexOf(this.focused)
    const next = l.byStart[Math.max(0, Math.min(l.count - 1, at + step))]!
    this.focusItem(next)
  }

  /** Move the focus to the nearest item in the lane above (-1) or below (1). */
  focusLane(step: 1 | -1): void {
    const l = this.layout
    if (!l || l.count === 0) return
    if (this.focused < 0) return this.focusItem(this.firstVisible())
    const from = this.focused
    const middle = (l.startMs[from]! + l.endMs[from]!) / 2
    for (let lane = l.lane[from]! + step; lane >= 0 && lane < l.laneCount; lane += step) {
      let best = -1
      let bestGap = Infinity
      for (let i = 0; i < l.count; i++) {
        if (l.lane[i] !== lane || l.nested[i]) continue
        const gap = Math.max(0, l.startMs[i]! - middle, middle - l.endMs[i]!)
        if (gap < bestGap) [best, bestGap] = [i, gap]
      }
      if (best >= 0) return this.focusItem(best)
    }
  }

  /** Focus the first (or last) item in time. */
  focusEdge(last: boolean): void {
    const l = this.layout
    if (l && l.count > 0) this.focusItem(l.byStart[last ? l.count - 1 : 0]!)
  }

  private firstVisible(): number {
    const l = this.layout!
    let first = -1
    forEachInRange(l, this.view.startMs, this.view.endMs, i => {
      if (first < 0) first = i
    })
    return first >= 0 ? first : l.byStart[0]!
  }

  private revealItem(i: number): void {
    const l = this.layout!
    const frame = this.frame()
    const x0 = xOf(frame, l.startMs[i]!)
    const x1 = xOf(frame, l.endMs[i]!)
    if (x1 - x0 < 2 || x1 < 0 || x0 > this.widthPx) {
      const span = this.view.endMs - this.view.startMs
      const tooSmall = x1 - x0 < 2
      const half = tooSmall
        ? Math.max((l.endMs[i]! - l.startMs[i]!) * 20, this.minSpanMs()) / 2
        : span / 2
      const middle = (l.startMs[i]! + l.endMs[i]!) / 2
      this.setView({startMs: middle - half, endMs: middle + half})
    }
    this.revealLane(l.lane[i]!)
  }

  private revealLane(lane: number): void {
    const frame = this.frame()
    const top = laneTop(frame, lane)
    if (top < axisHeightPx + 4) this.pan(0, top - axisHeightPx - 4)
    else if (top + frame.laneHeightPx > this.heightPx) {
      this.pan(0, top + frame.laneHeightPx - this.heightPx + 2)
    }
  }

  /** Schedule a redraw of the overlay, and of the bars unless `bars` is false. */
  requestDraw(bars = true): void {
    if (bars) this.dirtyBars = true
    this.scheduler.request()
  }

  /** Draw now (tests; the scheduler calls this once per frame). */
  draw(): void {
    const l = this.layout
    const frame = this.frame()
    if (this.dirtyBars) {
      this.dirtyBars = false
      const ctx = this.host.bars.getContext('2d')
      if (ctx && l && this.widthPx > 0) this.drawBars(ctx, frame, l)
    }
    const ctx = this.host.overlay.getContext('2d')
    if (ctx) this.drawOverlay(ctx, frame)
  }

  private drawBars(ctx: CanvasRenderingContext2D, frame: TimelineFrame, l: TimelineLayout): void {
    const t0 = performance.now()
    const stats = drawTimeline(ctx, frame, l, this.scratch, this.selected, this.patterns)
    const t1 = performance.now()
    performance.measure('timeline-draw', {start: t0, end: t1})
    if (flushTiming) {
      // Reading a pixel makes Chromium rasterize now (the bench turns this on; users never do).
      ctx.getImageData(0, 0, 1, 1)
      performance.measure('timeline-draw-flushed', {start: t0, end: performance.now()})
    }
    const el = this.host.container
    el.dataset.itemCount = String(l.count)
    el.dataset.traceCount = String(l.traceIds.length)
    el.dataset.laneCount = String(l.laneCount)
    el.dataset.viewStartMs = String(Math.round(l.originMs + this.view.startMs))
    el.dataset.viewEndMs = String(Math.round(l.originMs + this.view.endMs))
    if (!this.painted) {
      this.painted = true
      el.dataset.painted = 'true'
      performance.mark('timeline-first-paint')
    }
    this.callbacks.onViewChanged(l.originMs + this.view.startMs, l.originMs + this.view.endMs)
    this.onDrawn?.({...stats, ms: t1 - t0})
  }

  private drawOverlay(ctx: CanvasRenderingContext2D, frame: TimelineFrame): void {
    const {dpr, palette} = frame
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, this.widthPx, this.heightPx)
    const l = this.layout
    if (!l) return
    if (this.brush) {
      const x0 = xOf(frame, this.brush.fromMs - l.originMs)
      const x1 = xOf(frame, this.brush.toMs - l.originMs)
      const left = Math.min(x0, x1)
      const width = Math.max(1, Math.abs(x1 - x0))
      ctx.fillStyle = palette.brush
      ctx.fillRect(left, axisHeightPx, width, this.heightPx - axisHeightPx)
      ctx.fillStyle = palette.brushEdge
      ctx.fillRect(Math.round(left), 0, 1, this.heightPx)
      ctx.fillRect(Math.round(left + width), 0, 1, this.heightPx)
    }
    const outline = (i: number, color: string, width: number, dash: number[]) => {
      if (i < 0 || i >= l.count) return
      const box = barBox(frame, l, i)
      ctx.strokeStyle = color
      ctx.lineWidth = width
      ctx.setLineDash(dash)
      ctx.strokeRect(box.x - width / 2, box.y - width / 2, box.w + width, box.h + width)
      ctx.setLineDash([])
    }
    outline(this.hovered, palette.hover, 1, [])
    outline(this.focused, palette.focus, 2, [4, 2])
  }

  /** The current geometry. */
  frame(): TimelineFrame {
    return {
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      dpr: this.dpr,
      view: this.view,
      scrollTopPx: this.scrollTopPx,
      laneHeightPx: laneHeightFor(this.heightPx, this.layout?.laneCount ?? 1),
      palette: this.palette,
      font: this.font,
    }
  }

  /** Match the canvases to the container. */
  resize(): void {
    const size = fitCanvases(this.host.container, [this.host.bars, this.host.overlay])
    this.widthPx = size.widthPx
    this.heightPx = size.heightPx
    this.dpr = size.dpr
    this.clampScroll()
    this.requestDraw()
  }

  private clampScroll(): void {
    const max = maxScrollPx(this.frame(), this.layout?.laneCount ?? 0)
    this.scrollTopPx = Math.min(max, Math.max(0, this.scrollTopPx))
  }

  private minSpanMs(): number {
    // Kolo's times are in µs: below ~1 µs across the view nothing new shows.
    return Math.min(0.01, this.layout?.domainMs ?? 1)
  }

  /** Stop drawing and listening. */
  dispose(): void {
    this.scheduler.dispose()
    this.resizeObserver?.disconnect()
    this.offTheme()
  }
}
