import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import type {Palette, ThemeColors} from './flame-colors'
import type {DrawFrame, DrawStats, FlameSourceData} from './flame-draw'

/** A row's tooltip facts. */
export interface RowDescription {
  name: string
  file?: string
  line?: number
  durationNs: number
  selfNs: number
  calls?: number
  /** One more line (the diff flame's time change: "+2.1 ms (was 1.0 ms)"). */
  note?: string
}

/** What a renderer draws: the data, its domain (ns) and how to describe a row. */
export interface FlameSource extends FlameSourceData {
  domainNs: number
  describe(row: number): RowDescription
  /** The colours `colorOf` indexes, from the theme (default: the kind colours, buildPalette). */
  palette?: (theme: ThemeColors) => Palette
}

/** The elements a renderer draws into and listens on. */
export interface FlameHost {
  container: HTMLElement
  nodes: HTMLCanvasElement
  overlay: HTMLCanvasElement
  tooltip: HTMLElement
  minimap?: HTMLCanvasElement
}

/** What a renderer tells its host. */
export interface FlameCallbacks {
  /** A rectangle was clicked (or the selection cleared: -1). */
  onSelect(row: number): void
  /** Enter / Shift+Enter: go to the next / previous search match. */
  onCycleMatch?(step: 1 | -1): void
  /** The view stopped moving (debounced). */
  onViewSettled?(view: TimeView): void
}

/** One redraw's timing, for the bench (also recorded as a `flame-draw` performance measure). */
export interface DrawTiming extends DrawStats {
  ms: number
}

/** What the input handlers drive: the renderer, seen from the pointer, wheel and keys. */
export interface ChartInput {
  readonly handlers: FlameCallbacks
  /** The row under a point of the overlay (css px), or -1. */
  rowAt(xPx: number, yPx: number): number
  hover(row: number, clientX?: number, clientY?: number): void
  pan(dxPx: number, dyPx: number): void
  zoom(factor: number, anchorPx?: number): void
  zoomToRow(row: number): void
  resetView(): void
}

/** What the minimap reads and moves: the renderer, seen from the overview strip. */
export interface MinimapChart {
  readonly inverted: boolean
  getSource(): FlameSource | undefined
  getView(): TimeView
  setView(view: TimeView): void
  frame(): DrawFrame
}
