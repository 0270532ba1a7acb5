import {hitTest} from '../../../shared/algorithms/depth-index'
import {
  clampView,
  panView,
  revealRange,
  viewAround,
  zoomView,
} from '../../../shared/algorithms/flame-viewport'
import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import {onThemeChange} from '../theme'
import {buildPalette, defaultTheme, readTheme} from './flame-colors'
import type {Palette} from './flame-colors'
import {createScratch, depthAt, drawNodes, drawOutlines, rowTop} from './flame-draw'
import type {DrawFrame} from './flame-draw'
import {attachInput} from './flame-input'
import {flameMove, isFlameTree} from './flame-navigation'
import type {FlameMove} from './flame-navigation'
import {FlameMinimap} from './flame-minimap'
import {TextFitter} from './text-fitter'
import {hideCanvasTooltip, showCanvasTooltip} from '../canvas-tooltip'
import {tooltipLines} from './flame-tooltip'
import type {
  ChartInput,
  DrawTiming,
  FlameCallbacks,
  FlameHost,
  FlameSource,
  MinimapChart,
} from './flame-types'

const rowHeightPx = 18
const settleMs = 150
const flushTiming = readFlag('kolo-flame-flush-timing')

function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1'
  } catch {
    return false
  }
}

/**
 * The imperative flame chart: two canvases (nodes; an overlay for selection and hover), one
 * requestAnimationFrame per burst of input, hit-testing on the arrays. React mounts and disposes
 * it; data, selection and matches arrive through setters, never through a React render.
 */
export class FlameChartRenderer implements ChartInput, MinimapChart {
  readonly inverted: boolean
  private source: FlameSource | undefined
  private view: TimeView = {startNs: 0, endNs: 1}
  private scrollTopPx = 0
  private selected = -1
  private hovered = -1
  private matches: Uint8Array | undefined
  private widthPx = 0
  private heightPx = 0
  private dpr = 1
  private frameRequest = 0
  private dirtyNodes = false
  private dirtyOverlay = false
  private settleTimer: ReturnType<typeof setTimeout> | undefined
  private readonly scratch = createScratch()
  private readonly fitter: TextFitter | undefined
  private readonly minimap: FlameMinimap | undefined
  private readonly detach: () => void
  private readonly resizeObserver: ResizeObserver | undefined
  private painted = false
  private palette: Palette = buildPalette(defaultTheme)
  private readonly offTheme: () => void
  /** Called after each redraw of the nodes layer (the bench and tests listen). */
  onDrawn: ((timing: DrawTiming) => void) | undefined

  constructor(
    private readonly host: FlameHost,
    private readonly callbacks: FlameCallbacks,
    options: {inverted?: boolean} = {},
  ) {
    this.inverted = options.inverted ?? false
    const ctx = host.nodes.getContext('2d')
    this.fitter = ctx ? new TextFitter(ctx) : undefined
    this.minimap = host.minimap ? new FlameMinimap(host.minimap, this) : undefined
    this.detach = attachInput(this, host)
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.resize())
      this.resizeObserver.observe(host.container)
    }
    performance.mark('flame-renderer-mounted')
    this.offTheme = onThemeChange(this.onThemeChanged)
    this.onThemeChanged()
    this.resize()
    document.fonts?.addEventListener?.('loadingdone', this.onFontsLoaded)
  }

  private theme = defaultTheme

  private readonly onThemeChanged = (): void => {
    this.theme = readTheme(this.host.container)
    this.updatePalette()
  }

  // A source may bring its own colours (the diff flame); they follow the theme too.
  private updatePalette(): void {
    this.palette = this.source?.palette?.(this.theme) ?? buildPalette(this.theme)
    this.minimap?.invalidate()
    this.requestDraw()
  }

  /** The colours in use (the view's legend shows them). */
  getPalette(): Palette {
    return this.palette
  }

  private readonly onFontsLoaded = (): void => {
    this.fitter?.invalidate()
    this.requestDraw()
  }

  /** Show new data; the view resets unless `keepView` and the domain is unchanged. */
  setSource(source: FlameSource | undefined, keepView = false): void {
    const sameDomain = this.source?.domainNs === source?.domainNs
    const newColors = this.source?.palette !== source?.palette
    this.source = source
    if (newColors) this.updatePalette()
    this.hovered = -1
    this.matches = undefined
    if (!keepView || !sameDomain) {
      this.view = {startNs: 0, endNs: source?.domainNs || 1}
      this.scrollTopPx = 0
    }
    this.minimap?.invalidate()
    this.requestDraw()
    // The first paint should not wait for the next animation frame.
    if (!this.painted && source) this.draw()
  }

  /** The data shown. */
  getSource(): FlameSource | undefined {
    return this.source
  }

  /** Highlight `row` (-1: none) and, with `reveal`, scroll it into view. */
  setSelected(row: number, reveal = false): void {
    this.selected = row
    if (reveal && row >= 0) this.revealRow(row)
    this.requestDraw(false)
  }

  /** The highlighted row, or -1. */
  getSelected(): number {
    return this.selected
  }

  /** Search matches per row (1 = match; undefined: no search, nothing dimmed). */
  setMatches(matches: Uint8Array | undefined): void {
    this.matches = matches
    this.requestDraw()
  }

  /** The visible time range. */
  getView(): TimeView {
    return this.view
  }

  /** Move the view (clamped to the domain). */
  setView(view: TimeView): void {
    const domain = this.source?.domainNs ?? 1
    const next = clampView(view, domain, this.minSpanNs())
    if (next.startNs === this.view.startNs && next.endNs === this.view.endNs) return
    this.view = next
    // The row under the pointer moved: the tooltip would describe another row.
    this.hover(-1)
    this.requestDraw()
    this.scheduleSettle()
  }

  /** Zoom by `factor` around the x position `anchorPx` (CSS px; default: the middle). */
  zoom(factor: number, anchorPx = this.widthPx / 2): void {
    const anchorNs = this.view.startNs + (anchorPx / Math.max(1, this.widthPx)) * this.span()
    this.setView(
      zoomView(this.view, factor, anchorNs, this.source?.domainNs ?? 1, this.minSpanNs()),
    )
  }

  /** Pan by CSS px (positive dx: later in time; positive dy: deeper rows). */
  pan(dxPx: number, dyPx: number): void {
    if (dxPx !== 0) {
      const deltaNs = (dxPx / Math.max(1, this.widthPx)) * this.span()
      this.setView(panView(this.view, deltaNs, this.source?.domainNs ?? 1, this.minSpanNs()))
    }
    if (dyPx !== 0) this.scrollBy(this.inverted ? -dyPx : dyPx)
  }

  /** Show the whole domain from the top. */
  resetView(): void {
    this.scrollTopPx = 0
    this.setView({startNs: 0, endNs: this.source?.domainNs ?? 1})
    this.requestDraw()
  }

  /** Zoom so that `row` fills the view (with a margin). */
  zoomToRow(row: number): void {
    const s = this.source
    if (!s || row < 0 || row >= s.cols.nodeCount) return
    this.setView(
      viewAround(s.cols.startNs[row]!, s.cols.endNs[row]!, 0.02, s.domainNs, this.minSpanNs()),
    )
    this.revealDepth(s.cols.depth[row]!)
  }

  /** Pan (and zoom in when it would be under 2 px) so that `row` is on screen. */
  revealRow(row: number): void {
    const s = this.source
    if (!s || row < 0 || row >= s.cols.nodeCount) return
    const start = s.cols.startNs[row]!
    const end = s.cols.endNs[row]!
    const tooSmall = ((end - start) / this.span()) * this.widthPx < 2
    this.setView(
      tooSmall
        ? viewAround(start, end, 2, s.domainNs, this.minSpanNs())
        : revealRange(this.view, start, end, s.domainNs, this.minSpanNs()),
    )
    this.revealDepth(s.cols.depth[row]!)
  }

  /** Move the selection by keyboard and reveal where it went; nowhere to go leaves it. */
  navigate(move: FlameMove): void {
    const s = this.source
    if (!s || !isFlameTree(s.cols)) return
    const to = flameMove(s.cols, this.selected, move)
    if (to < 0) return
    this.setSelected(to, true)
    this.callbacks.onSelect(to, 'keyboard')
  }

  /** The row under a point of the overlay (CSS px), or -1; tiny rows within 2 px count. */
  rowAt(xPx: number, yPx: number): number {
    const s = this.source
    if (!s) return -1
    const frame = this.frame()
    const timeNs = this.view.startNs + (xPx / Math.max(1, this.widthPx)) * this.span()
    const toleranceNs = (2 / Math.max(1, this.widthPx)) * this.span()
    return hitTest(s.index, s.cols, depthAt(frame, yPx), timeNs, toleranceNs)
  }

  /** Hover a row (from the pointer), showing the tooltip at the pointer. */
  hover(row: number, clientX = 0, clientY = 0): void {
    if (row !== this.hovered) {
      this.hovered = row
      this.requestDraw(false)
    }
    if (row >= 0 && this.source) {
      showCanvasTooltip(
        this.host.tooltip,
        this.host.container,
        tooltipLines(this.source.describe(row)),
        clientX,
        clientY,
      )
    } else hideCanvasTooltip(this.host.tooltip)
  }

  /** The callbacks, for the input handlers. */
  get handlers(): FlameCallbacks {
    return this.callbacks
  }

  /** Schedule a redraw of the overlay, and of the nodes unless `nodes` is false. */
  requestDraw(nodes = true): void {
    if (nodes) this.dirtyNodes = true
    this.dirtyOverlay = true
    if (this.frameRequest === 0) this.frameRequest = requestAnimationFrame(this.draw)
  }

  /** Draw now (tests; rAF calls this). */
  readonly draw = (): void => {
    this.frameRequest = 0
    const frame = this.frame()
    if (this.dirtyNodes) {
      this.dirtyNodes = false
      this.drawNodesLayer(frame)
    }
    if (this.dirtyOverlay) {
      this.dirtyOverlay = false
      const ctx = this.host.overlay.getContext('2d')
      if (ctx && this.source) {
        drawOutlines(ctx, frame, this.source.cols, [
          {row: this.hovered, color: this.palette.hover, lineWidthPx: 1},
          {row: this.selected, color: this.palette.selection, lineWidthPx: 2},
        ])
      }
    }
    this.minimap?.draw(this.source, this.view)
  }

  private drawNodesLayer(frame: DrawFrame): void {
    const ctx = this.host.nodes.getContext('2d')
    if (!ctx || !this.source || this.widthPx === 0) return
    const t0 = performance.now()
    const stats = drawNodes(ctx, frame, this.source, this.scratch, this.fitter, this.matches)
    const t1 = performance.now()
    if (flushTiming) {
      // Reading a pixel makes Chromium rasterize now, so the measure includes the raster work
      // it would otherwise defer to the compositor (the bench turns this on; users never do).
      ctx.getImageData(0, 0, 1, 1)
      performance.measure('flame-draw-flushed', {start: t0, end: performance.now()})
    }
    const el = this.host.container
    el.dataset.viewStartNs = String(Math.round(this.view.startNs))
    el.dataset.viewEndNs = String(Math.round(this.view.endNs))
    performance.measure('flame-draw', {start: t0, end: t1})
    if (!this.painted) {
      this.painted = true
      performance.mark('flame-first-paint')
      el.dataset.painted = 'true'
    }
    this.onDrawn?.({...stats, ms: t1 - t0})
  }

  /** The current geometry. */
  frame(): DrawFrame {
    return {
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      dpr: this.dpr,
      view: this.view,
      scrollTopPx: this.scrollTopPx,
      rowHeightPx,
      inverted: this.inverted,
      palette: this.palette,
    }
  }

  /** Match the canvases' backing stores to the container, in physical pixels. */
  resize(): void {
    const rect = this.host.container.getBoundingClientRect()
    const dpr = window.devicePixelRatio || 1
    this.widthPx = Math.max(0, Math.floor(rect.width))
    this.heightPx = Math.max(0, Math.floor(rect.height))
    this.dpr = dpr
    for (const canvas of [this.host.nodes, this.host.overlay]) {
      canvas.width = Math.round(this.widthPx * dpr)
      canvas.height = Math.round(this.heightPx * dpr)
      canvas.style.width = `${this.widthPx}px`
      canvas.style.height = `${this.heightPx}px`
    }
    this.minimap?.resize()
    this.clampScroll()
    this.requestDraw()
  }

  private scrollBy(dyPx: number): void {
    this.scrollTopPx += dyPx
    this.clampScroll()
    this.requestDraw()
  }

  private clampScroll(): void {
    const depthCount = this.source?.index.depthCount ?? 0
    const max = Math.max(0, (depthCount + 1) * rowHeightPx - this.heightPx)
    this.scrollTopPx = Math.min(max, Math.max(0, this.scrollTopPx))
  }

  private revealDepth(depth: number): void {
    const top = rowTop({...this.frame(), inverted: false}, depth)
    if (top < 0) this.scrollBy(top - rowHeightPx)
    else if (top + rowHeightPx > this.heightPx) this.scrollBy(top + 2 * rowHeightPx - this.heightPx)
  }

  private span(): number {
    return this.view.endNs - this.view.startNs
  }

  private minSpanNs(): number {
    // Kolo's timestamps have microsecond resolution: zooming below 1 µs shows nothing new.
    return Math.max(1, Math.min(1000, (this.source?.domainNs ?? 1) / 100))
  }

  private scheduleSettle(): void {
    if (!this.callbacks.onViewSettled) return
    clearTimeout(this.settleTimer)
    this.settleTimer = setTimeout(() => this.callbacks.onViewSettled?.(this.view), settleMs)
  }

  /** Stop listening and drawing. */
  dispose(): void {
    cancelAnimationFrame(this.frameRequest)
    clearTimeout(this.settleTimer)
    this.detach()
    this.resizeObserver?.disconnect()
    this.minimap?.dispose()
    document.fonts?.removeEventListener?.('loadingdone', this.onFontsLoaded)
    this.offTheme()
  }
}
