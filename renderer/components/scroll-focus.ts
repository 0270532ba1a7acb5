import {useEffect} from 'react'
import type {RefObject} from 'react'

/** Whether an element's content overflows it (it scrolls, or would). */
export function overflows(el: HTMLElement): boolean {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1
}

/**
 * Make `ref`'s element a tab stop while its content overflows, so a keyboard can scroll it
 * (WCAG 2.1.1; axe's scrollable-region-focusable): a long traceback, a wide SQL text. `label`
 * names it for screen readers. Elements that fit stay out of the tab order.
 */
export function useFocusableWhenScrollable(
  ref: RefObject<HTMLElement | null>,
  label: string,
): void {
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const update = (): void => {
      if (overflows(el)) {
        el.tabIndex = 0
        el.setAttribute('role', 'region')
        el.setAttribute('aria-label', label)
      } else {
        el.removeAttribute('tabindex')
        el.removeAttribute('role')
        el.removeAttribute('aria-label')
      }
    }
    update()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(update)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, label])
}
