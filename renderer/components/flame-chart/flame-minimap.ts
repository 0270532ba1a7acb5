import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import {createScratch, drawNodes} from './flame-draw'
import type {FlameSource, MinimapChart} from './flame-types'

const edgePx = 5

/**
 * The overview strip above a flame chart: the whole domain drawn once into a cached bitmap, the
 * visible range as a box. Drag the box to pan, drag its edges to zoom, drag elsewhere to pick a
 * new range, click to centre the view there.
 */
export class FlameMinimap {
  private overview: HTMLCanvasElement | undefined
  private stale = true
  private widthPx = 0
  private heightPx = 0
  private dpr = 1
  private drawn: {source: FlameSource | undefined; view: TimeView} | undefined
  private readonly scratch = createScratch()
  private readonly detach: () => void

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly chart: MinimapChart,
  ) {
    let drag:
      | {mode: 'move' | 'start' | 'end' | 'new'; anchorNs: number; view: TimeView; x: number}
      | undefined
    const timeAt = (clientX: number): number => {
      const rect = canvas.getBoundingClientRect()
      const domain = chart.getSource()?.domainNs ?? 1
      return ((clientX - rect.left) / Math.max(1, rect.width)) * domain
    }
    const pxPerNs = (): number => this.widthPx / (chart.getSource()?.domainNs ?? 1)
    const onDown = (e: PointerEvent): void => {
      if (e.button !== 0 || !chart.getSource()) return
      const t = timeAt(e.clientX)
      const view = chart.getView()
      const x0 = view.startNs * pxPerNs()
      const x1 = view.endNs * pxPerNs()
      const x = t * pxPerNs()
      const mode =
        Math.abs(x - x0) <= edgePx
          ? 'start'
          : Math.abs(x - x1) <= edgePx
            ? 'end'
            : x > x0 && x < x1
              ? 'move'
              : 'new'
      drag = {mode, anchorNs: t, view, x: e.clientX}
      canvas.setPointerCapture?.(e.pointerId)
      e.preventDefault()
    }
    const onMove = (e: PointerEvent): void => {
      if (!drag) {
        const view = chart.getView()
        const x = timeAt(e.clientX) * pxPerNs()
        const nearEdge =
          Math.abs(x - view.startNs * pxPerNs()) <= edgePx ||
          Math.abs(x - view.endNs * pxPerNs()) <= edgePx
        canvas.style.cursor = nearEdge ? 'ew-resize' : 'grab'
        return
      }
      const t = timeAt(e.clientX)
      const {view, anchorNs} = drag
      if (drag.mode === 'move') {
        chart.setView({startNs: view.startNs + t - anchorNs, endNs: view.endNs + t - anchorNs})
      } else if (drag.mode === 'start') {
        chart.setView({startNs: Math.min(t, view.endNs - 1), endNs: view.endNs})
      } else if (drag.mode === 'end') {
        chart.setView({startNs: view.startNs, endNs: Math.max(t, view.startNs + 1)})
      } else if (Math.abs(e.clientX - drag.x) >= 3) {
        chart.setView({startNs: Math.min(t, anchorNs), endNs: Math.max(t, anchorNs)})
      }
    }
    const onUp = (e: PointerEvent): void => {
      if (drag?.mode === 'new' && Math.abs(e.clientX - drag.x) < 3) {
        const half = (drag.view.endNs - drag.view.startNs) / 2
        chart.setView({startNs: drag.anchorNs - half, endNs: drag.anchorNs + half})
      }
      drag = undefined
      canvas.releasePointerCapture?.(e.pointerId)
    }
    canvas.addEventListener('pointerdown', onDown)
    canvas.addEventListener('pointermove', onMove)
    canvas.addEventListener('pointerup', onUp)
    canvas.addEventListener('pointercancel', onUp)
    this.detach = () => {
      canvas.removeEventListener('pointerdown', onDown)
      canvas.removeEventListener('pointermove', onMove)
      canvas.removeEventListener('pointerup', onUp)
      canvas.removeEventListener('pointercancel', onUp)
    }
  }

  /** The data changed: the overview is drawn again on the next frame. */
  invalidate(): void {
    this.stale = true
    this.drawn = undefined
  }

  /** Match the canvas to its CSS box. */
  resize(): void {
    const rect = this.canvas.getBoundingClientRect()
    this.dpr = window.devicePixelRatio || 1
    this.widthPx = Math.floor(rect.width)
    this.heightPx = Math.floor(rect.height)
    this.canvas.width = Math.round(this.widthPx * this.dpr)
    this.canvas.height = Math.round(this.heightPx * this.dpr)
    this.invalidate()
  }

  /** Draw the overview (from cache) and the range box, if anything changed. */
  draw(source: FlameSource | undefined, view: TimeView): void {
    if (this.drawn && this.drawn.source === source && this.drawn.view === view) return
    this.drawn = {source, view}
    const ctx = this.canvas.getContext('2d')
    if (!ctx || this.widthPx === 0) return
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height)
    if (!source) return
    if (this.stale || !this.overview) this.renderOverview(source)
    if (this.overview) ctx.drawImage(this.overview, 0, 0)
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0)
    const scale = this.widthPx / (source.domainNs || 1)
    const x0 = view.startNs * scale
    const x1 = Math.max(view.endNs * scale, x0 + 2)
    ctx.fillStyle = 'rgba(40, 44, 52, 0.28)'
    ctx.fillRect(0, 0, x0, this.heightPx)
    ctx.fillRect(x1, 0, this.widthPx - x1, this.heightPx)
    ctx.strokeStyle = this.chart.frame().palette.selection
    ctx.lineWidth = 1.5
    ctx.strokeRect(x0 + 0.75, 0.75, x1 - x0 - 1.5, this.heightPx - 1.5)
  }

  private renderOverview(source: FlameSource): void {
    this.stale = false
    const overview = (this.overview ??= document.createElement('canvas'))
    overview.width = this.canvas.width
    overview.height = this.canvas.height
    const ctx = overview.getContext('2d')
    if (!ctx) return
    const depthCount = Math.max(1, source.index.depthCount)
    drawNodes(
      ctx,
      {
        widthPx: this.widthPx,
        heightPx: this.heightPx,
        dpr: this.dpr,
        view: {startNs: 0, endNs: source.domainNs || 1},
        scrollTopPx: 0,
        rowHeightPx: Math.max(1, Math.min(4, this.heightPx / depthCount)),
        inverted: this.chart.inverted,
        palette: this.chart.frame().palette,
      },
      source,
      this.scratch,
      undefined,
      undefined,
    )
  }

  /** Stop listening. */
  dispose(): void {
    this.detach()
  }
}
