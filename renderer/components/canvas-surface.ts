/** A canvas view's size in CSS px and the device pixel ratio its backing stores use. */
export interface SurfaceSize {
  widthPx: number
  heightPx: number
  dpr: number
}

/**
 * Size `canvases` to `container` in physical pixels (so lines stay sharp at any zoom), their CSS
 * size to its CSS size; returns the size. Draw with `ctx.setTransform(dpr, 0, 0, dpr, 0, 0)`.
 */
export function fitCanvases(
  container: HTMLElement,
  canvases: readonly HTMLCanvasElement[],
): SurfaceSize {
  const rect = container.getBoundingClientRect()
  const dpr = window.devicePixelRatio || 1
  const widthPx = Math.max(0, Math.floor(rect.width))
  const heightPx = Math.max(0, Math.floor(rect.height))
  for (const canvas of canvases) {
    canvas.width = Math.round(widthPx * dpr)
    canvas.height = Math.round(heightPx * dpr)
    canvas.style.width = `${widthPx}px`
    canvas.style.height = `${heightPx}px`
  }
  return {widthPx, heightPx, dpr}
}

/**
 * Coalesces draw requests into one requestAnimationFrame: `request()` as often as input comes,
 * `draw` runs once per frame. `flush()` draws now (first paint, tests); `dispose()` cancels.
 */
export class FrameScheduler {
  private frame = 0

  constructor(private readonly draw: () => void) {}

  /** Draw in the next animation frame (once, however often it is asked). */
  request(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.run)
  }

  /** Draw now. */
  flush(): void {
    cancelAnimationFrame(this.frame)
    this.run()
  }

  /** Cancel a pending draw. */
  dispose(): void {
    cancelAnimationFrame(this.frame)
    this.frame = 0
  }

  private readonly run = (): void => {
    this.frame = 0
    this.draw()
  }
}

/** Whether a `localStorage` flag is set to '1' (the benches turn on timing this way). */
export function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1'
  } catch {
    return false
  }
}

/** The value of a CSS variable on `el` (trimmed), or `fallback` when it is unset. */
export function cssVar(el: Element, name: string, fallback: string): string {
  const value = getComputedStyle(el).getPropertyValue(name).trim()
  return value === '' ? fallback : value
}
