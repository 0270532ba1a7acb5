import {buildDepthIndex, firstVisibleNode, hitTest} from '../../../shared/algorithms/depth-index'
import type {DepthIndex} from '../../../shared/algorithms/depth-index'
import type {FlameLayout} from '../../../shared/algorithms/flame-columns'
import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import {FrameScheduler, cssVar} from '../../components/canvas-surface'
import {hideCanvasTooltip, showCanvasTooltip} from '../../components/canvas-tooltip'
import type {TooltipLine} from '../../components/canvas-tooltip'
import {formatDurationNs} from '../../components/format'
import {onThemeChange} from '../../components/theme'
import {sixDigitHex} from './timeline-colors'

/** The merged flame graph's row height, in CSS px. */
export const mergedRowPx = 18

/** The elements the merged flame graph draws into. */
export interface MergedFlameHost {
  container: HTMLElement
  canvas: HTMLCanvasElement
  tooltip: HTMLElement
}

/** What the merged flame graph tells its host. */
export interface MergedFlameCallbacks {
  /** A node was chosen (click, or Enter after moving with the arrows); -1 clears. */
  onChoose(node: number): void
  /** The keyboard focus moved to a node: what a screen reader should hear. */
  onAnnounce(text: string): void
}

/** A merged node's facts, in words. */
export function describeNode(
  layout: FlameLayout,
  strings: readonly string[],
  i: number,
): TooltipLine[] {
  const file = layout.fileId[i]! >= 0 ? strings[layout.fileId[i]!] : undefined
  const lines: TooltipLine[] = [{text: strings[layout.nameId[i]!] ?? '', title: true}]
  if (file) lines.push({text: layout.line[i] ? `${file}:${layout.line[i]}` : file})
  const total = layout.endNs[i]! - layout.startNs[i]!
  const calls = layout.calls[i]!
  lines.push({
    text: `${formatDurationNs(total)} total · ${formatDurationNs(layout.selfNs[i]!)} self · ${calls} call${calls === 1 ? '' : 's'}`,
  })
  const share = layout.totalNs > 0 ? (total / layout.totalNs) * 100 : 0
  lines.push({text: `${share.toFixed(share < 10 ? 1 : 0)}% of the merged time`})
  return lines
}

/** Black or white text, whichever reads on `color` (#rrggbb or #rgb). */
export function labelOn(color: string): string {
  const fill = sixDigitHex(color)
  if (!fill) return '#101216'
  const v = Number.parseInt(fill.slice(1), 16)
  const lum = (0.2126 * ((v >> 16) & 255) + 0.7152 * ((v >> 8) & 255) + 0.0722 * (v & 255)) / 255
  return lum > 0.5 ? '#101216' : '#ffffff'
}

const kindVars: Record<number, string> = {
  [NodeKind.request]: '--kind-request',
  [NodeKind.sql]: '--kind-sql',
  [NodeKind.outbound]: '--kind-outbound',
  [NodeKind.template]: '--kind-template',
  [NodeKind.log]: '--kind-log',
  [NodeKind.exception]: '--kind-exception',
  [NodeKind.test]: '--kind-test',
  [NodeKind.job]: '--kind-job',
}

/**
 * A simple icicle of merged call paths (heaviest first, widths summed over the traces): a canvas
 * as tall as the deepest path, in a scrolling box. Hover shows a tooltip; click chooses a node;
 * double click zooms to it; keys: ← → siblings, ↑ the caller, ↓ the heaviest callee, Enter zooms
 * to the focused node, 0 zooms out, Space chooses it.
 */
export class MergedFlameRenderer {
  private layout: FlameLayout | undefined
  private strings: readonly string[] = []
  private index: DepthIndex | undefined
  private view = {startNs: 0, endNs: 1}
  private widthPx = 0
  private dpr = 1
  private hovered = -1
  private focused = -1
  private chosen = -1
  private colors: {
    frame: string
    library: string
    error: string
    kinds: Map<number, string>
    bg: string
    focus: string
  } = {
    frame: '#6fa8ff',
    library: '#8b919c',
    error: '#f26b6b',
    kinds: new Map(),
    bg: '#17181b',
    focus: '#ffffff',
  }
  private font = '11px monospace'
  private readonly scheduler = new FrameScheduler(() => this.draw())
  private readonly resizeObserver: ResizeObserver | undefined
  private readonly offTheme: () => void
  private readonly detach: () => void

  constructor(
    private readonly host: MergedFlameHost,
    private readonly callbacks: MergedFlameCallbacks,
  ) {
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.resize())
      this.resizeObserver.observe(host.container)
    }
    this.offTheme = onThemeChange(this.readColors)
    this.readColors()
    this.detach = this.attach()
    this.resize()
  }

  private readonly readColors = (): void => {
    const el = this.host.container
    const kinds = new Map<number, string>()
    for (const [kind, name] of Object.entries(kindVars)) {
      kinds.set(Number(kind), cssVar(el, name, '#888888'))
    }
    this.colors = {
      frame: cssVar(el, '--kind-frame', '#6fa8ff'),
      library: cssVar(el, '--kind-flushed', '#8b919c'),
      error: cssVar(el, '--kind-exception', '#f26b6b'),
      kinds,
      bg: cssVar(el, '--bg', '#17181b'),
      focus: cssVar(el, '--fg-strong', '#ffffff'),
    }
    this.font = `11px ${cssVar(el, '--font-mono', 'monospace')}`
    this.scheduler.request()
  }

  /** Show a merged layout (its names in `strings`), zoomed out. */
  setData(layout: FlameLayout | undefined, strings: readonly string[]): void {
    this.layout = layout
    this.strings = strings
    this.index = layout ? buildDepthIndex(layout) : undefined
    this.view = {startNs: 0, endNs: layout?.totalNs || 1}
    this.hovered = this.focused = this.chosen = -1
    this.resize()
  }

  /** Mark the chosen node (-1: none). */
  setChosen(node: number): void {
    this.chosen = node
    this.scheduler.request()
  }

  /** Zoom so that `node` spans the width (-1: everything). */
  zoomTo(node: number): void {
    const l = this.layout
    if (!l) return
    this.view =
      node >= 0
        ? {startNs: l.startNs[node]!, endNs: l.endNs[node]!}
        : {startNs: 0, endNs: l.totalNs || 1}
    if (this.view.endNs <= this.view.startNs) this.view.endNs = this.view.startNs + 1
    this.scheduler.request()
  }

  private x(ns: number): number {
    return ((ns - this.view.startNs) / (this.view.endNs - this.view.startNs)) * this.widthPx
  }

  private colorOf(i: number): string {
    const l = this.layout!
    const kind = l.kind[i]!
    if (kind !== NodeKind.frame) return this.colors.kinds.get(kind) ?? this.colors.library
    const flags = l.flags[i]!
    if (flags & (NodeFlag.exceptionOrigin | NodeFlag.exceptionPath)) return this.colors.error
    return flags & NodeFlag.library ? this.colors.library : this.colors.frame
  }

  /** Draw now (the scheduler calls this once per frame). */
  draw(): void {
    const ctx = this.host.canvas.getContext('2d')
    const l = this.layout
    const index = this.index
    if (!ctx) return
    const height = this.host.canvas.height / this.dpr
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0)
    ctx.fillStyle = this.colors.bg
    ctx.fillRect(0, 0, this.widthPx, height)
    if (!l || !index) return
    ctx.font = this.font
    ctx.textBaseline = 'middle'
    const advance = ctx.measureText('M').width || 6.6
    for (let d = 0; d < index.depthCount; d++) {
      const y = d * mergedRowPx
      const end = index.offsets[d + 1]!
      let lastRight = -Infinity
      for (let k = firstVisibleNode(index, d, this.view.startNs); k < end; k++) {
        const i = index.rows[k]!
        if (l.startNs[i]! > this.view.endNs) break
        const x0 = Math.max(0, this.x(l.startNs[i]!))
        const x1 = Math.min(this.widthPx, this.x(l.endNs[i]!))
        if (x1 - x0 < 0.5 || x1 <= lastRight) continue
        lastRight = x1
        const w = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0))
        const fill = this.colorOf(i)
        ctx.fillStyle = fill
        ctx.fillRect(x0, y, w, mergedRowPx - 1)
        const chars = Math.floor((w - 6) / advance)
        if (chars >= 3) {
          const name = this.strings[l.nameId[i]!] ?? ''
          ctx.fillStyle = labelOn(fill)
          ctx.fillText(
            name.length <= chars ? name : `${name.slice(0, chars - 1)}…`,
            x0 + 3,
            y + mergedRowPx / 2,
          )
        }
      }
    }
    const outline = (i: number, width: number, dash: number[]) => {
      if (i < 0) return
      const x0 = this.x(l.startNs[i]!)
      const x1 = this.x(l.endNs[i]!)
      ctx.setLineDash(dash)
      ctx.strokeStyle = this.colors.focus
      ctx.lineWidth = width
      ctx.strokeRect(
        x0 + width / 2,
        l.depth[i]! * mergedRowPx + width / 2,
        Math.max(1, x1 - x0 - width),
        mergedRowPx - 1 - width,
      )
      ctx.setLineDash([])
    }
    outline(this.hovered, 1, [])
    outline(this.chosen, 2, [])
    outline(this.focused, 2, [4, 2])
    this.host.container.dataset.painted = 'true'
  }

  /** The node under a point of the canvas (CSS px), or -1. */
  nodeAt(xPx: number, yPx: number): number {
    const l = this.layout
    if (!l || !this.index) return -1
    const span = this.view.endNs - this.view.startNs
    const ns = this.view.startNs + (xPx / Math.max(1, this.widthPx)) * span
    return hitTest(
      this.index,
      l,
      Math.floor(yPx / mergedRowPx),
      ns,
      (1 / Math.max(1, this.widthPx)) * span,
    )
  }

  private focus(i: number): void {
    const l = this.layout
    if (!l || i < 0 || i >= l.nodeCount) return
    this.focused = i
    if (l.endNs[i]! <= this.view.startNs || l.startNs[i]! >= this.view.endNs) {
      this.zoomTo(l.parent[i]!)
    }
    this.scheduler.request()
    const row = l.depth[i]! * mergedRowPx
    const box = this.host.container
    if (row < box.scrollTop || row + mergedRowPx > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, row - box.clientHeight / 2)
    }
    this.callbacks.onAnnounce(
      describeNode(l, this.strings, i)
        .map(line => line.text)
        .join('. '),
    )
  }

  private sibling(step: 1 | -1): number {
    const l = this.layout!
    const index = this.index!
    const d = l.depth[this.focused]!
    const lo = index.offsets[d]!
    const hi = index.offsets[d + 1]!
    const at = index.rows.subarray(lo, hi).indexOf(this.focused)
    const next = at + step
    return next >= 0 && lo + next < hi ? index.rows[lo + next]! : this.focused
  }

  private attach(): () => void {
    const {canvas, container} = this.host
    const local = (e: MouseEvent): [number, number] => {
      const r = canvas.getBoundingClientRect()
      return [e.clientX - r.left, e.clientY - r.top]
    }
    const onMove = (e: PointerEvent) => {
      const i = this.nodeAt(...local(e))
      canvas.style.cursor = i >= 0 ? 'pointer' : 'default'
      if (i !== this.hovered) {
        this.hovered = i
        this.scheduler.request()
      }
      if (i >= 0 && this.layout) {
        showCanvasTooltip(
          this.host.tooltip,
          container,
          describeNode(this.layout, this.strings, i),
          e.clientX,
          e.clientY,
        )
      } else hideCanvasTooltip(this.host.tooltip)
    }
    const onLeave = () => {
      this.hovered = -1
      hideCanvasTooltip(this.host.tooltip)
      this.scheduler.request()
    }
    const onClick = (e: MouseEvent) => this.callbacks.onChoose(this.nodeAt(...local(e)))
    const onDouble = (e: MouseEvent) => this.zoomTo(this.nodeAt(...local(e)))
    const onKey = (e: KeyboardEvent) => {
      const l = this.layout
      if (!l || l.nodeCount === 0 || e.altKey || e.ctrlKey || e.metaKey) return
      let handled = true
      if (this.focused < 0 && e.key.startsWith('Arrow')) this.focus(0)
      else if (e.key === 'ArrowRight') this.focus(this.sibling(1))
      else if (e.key === 'ArrowLeft') this.focus(this.sibling(-1))
      else if (e.key === 'ArrowUp') this.focus(Math.max(0, l.parent[this.focused]!))
      else if (e.key === 'ArrowDown') {
        if (this.focused + 1 < l.nodeCount && l.parent[this.focused + 1] === this.focused) {
          this.focus(this.focused + 1)
        }
      } else if (e.key === 'Enter' && this.focused >= 0) this.zoomTo(this.focused)
      else if (e.key === ' ' && this.focused >= 0) this.callbacks.onChoose(this.focused)
      else if (e.key === '0') this.zoomTo(-1)
      else handled = false
      if (handled) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    canvas.addEventListener('pointermove', onMove)
    canvas.addEventListener('pointerleave', onLeave)
    canvas.addEventListener('click', onClick)
    canvas.addEventListener('dblclick', onDouble)
    container.addEventListener('keydown', onKey)
    return () => {
      canvas.removeEventListener('pointermove', onMove)
      canvas.removeEventListener('pointerleave', onLeave)
      canvas.removeEventListener('click', onClick)
      canvas.removeEventListener('dblclick', onDouble)
      container.removeEventListener('keydown', onKey)
    }
  }

  /** Size the canvas: the box's width, as tall as the deepest path. */
  resize(): void {
    const dpr = window.devicePixelRatio || 1
    const width = Math.max(0, Math.floor(this.host.container.clientWidth))
    const height = Math.max(mergedRowPx, (this.index?.depthCount ?? 1) * mergedRowPx)
    this.widthPx = width
    this.dpr = dpr
    const c = this.host.canvas
    c.width = Math.round(width * dpr)
    c.height = Math.round(height * dpr)
    c.style.width = `${width}px`
    c.style.height = `${height}px`
    this.scheduler.request()
  }

  /** Stop drawing and listening. */
  dispose(): void {
    this.scheduler.dispose()
    this.resizeObserver?.disconnect()
    this.offTheme()
    this.detach()
  }
}
