/**
 * Give jsdom elements a size, so virtualised lists render rows (jsdom does no layout: every
 * clientHeight is 0, and a virtualiser then shows nothing). Call once per test file.
 */
export function stubLayout(heightPx = 600, widthPx = 1000): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => heightPx,
  })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => widthPx,
  })
  // Scrolling is clamped to scrollHeight - clientHeight; let any offset through.
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {configurable: true, get: () => 1e9})
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get: () => heightPx,
  })
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    get: () => widthPx,
  })
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, ...args: unknown[]) {
    const opts = args[0] as ScrollToOptions | undefined
    if (opts && typeof opts === 'object' && opts.top !== undefined) {
      this.scrollTop = opts.top
      this.dispatchEvent(new Event('scroll'))
    }
  }
}
