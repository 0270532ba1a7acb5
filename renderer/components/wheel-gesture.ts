/** What a wheel moves: a canvas view that zooms around a point and pans. */
export interface WheelTarget {
  zoom(factor: number, atX: number): void
  pan(dx: number, dy: number): void
}

/**
 * The canvas views' wheel, as in speedscope and Perfetto: a pinch (Ctrl/⌘+wheel) or a vertical
 * wheel zooms around the pointer at `x`, Shift+wheel pans vertically, a sideways wheel pans.
 * Line and page deltas are turned into pixels (`lineHeightPx`, the element's height).
 */
export function applyWheel(
  e: WheelEvent,
  element: HTMLElement,
  lineHeightPx: number,
  x: number,
  target: WheelTarget,
): void {
  const unit = e.deltaMode === 1 ? lineHeightPx : e.deltaMode === 2 ? element.clientHeight : 1
  const dx = e.deltaX * unit
  const dy = e.deltaY * unit
  if (e.ctrlKey || e.metaKey) target.zoom(Math.exp(dy * 0.01), x)
  else if (e.shiftKey) target.pan(0, dy || dx)
  else if (Math.abs(dx) > Math.abs(dy)) target.pan(dx, 0)
  else target.zoom(Math.exp(dy * 0.002), x)
}
