/**
 * Labels that fit a width, with measurement cached per font and device pixel ratio.
 *
 * The flame chart draws in a monospace font, so a label's width is its length times one measured
 * advance; strings whose measured width disagrees (wide or combining characters) fall back to a
 * binary search over measured prefixes. Full widths and fitted labels are cached; the caches are
 * dropped when the font or ratio changes (`setFont`) or when they grow past a bound.
 */
export class TextFitter {
  private font = ''
  private advance = 0
  private ellipsisWidth = 0
  private readonly widths = new Map<string, number>()
  private readonly fitted = new Map<string, string>()

  constructor(private readonly ctx: Pick<CanvasRenderingContext2D, 'font' | 'measureText'>) {}

  /** Use `font` at `dpr`; clears the caches if either changed. */
  setFont(font: string, dpr: number): void {
    const key = `${font}@${dpr}`
    if (key === this.font) return
    this.font = key
    this.ctx.font = font
    this.advance = this.ctx.measureText('M').width
    this.ellipsisWidth = this.ctx.measureText('…').width
    this.widths.clear()
    this.fitted.clear()
  }

  /** Forget every measurement (a web font finished loading). */
  invalidate(): void {
    this.font = ''
  }

  /** The width of `text` in CSS px (cached). */
  measure(text: string): number {
    let width = this.widths.get(text)
    if (width === undefined) {
      if (this.widths.size > 20_000) this.widths.clear()
      width = this.ctx.measureText(text).width
      this.widths.set(text, width)
    }
    return width
  }

  /** `text`, or its head with an ellipsis, fitting `maxPx`; '' when not even one character fits. */
  fit(text: string, maxPx: number): string {
    if (maxPx < this.advance) return ''
    const full = this.measure(text)
    if (full <= maxPx) return text
    const monospace = Math.abs(full - text.length * this.advance) < 0.5
    if (monospace) {
      const chars = Math.floor((maxPx - this.ellipsisWidth) / this.advance)
      return chars <= 0 ? '' : `${text.slice(0, chars)}…`
    }
    // Zooming changes maxPx every frame: key the cache by whole pixels.
    const key = `${Math.floor(maxPx)}\0${text}`
    let label = this.fitted.get(key)
    if (label === undefined) {
      let lo = 0
      let hi = text.length
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1
        if (this.measure(text.slice(0, mid)) + this.ellipsisWidth <= maxPx) lo = mid
        else hi = mid - 1
      }
      label = lo === 0 ? '' : `${text.slice(0, lo)}…`
      if (this.fitted.size > 20_000) this.fitted.clear()
      this.fitted.set(key, label)
    }
    return label
  }
}
