import {useEffect, useRef} from 'react'
import type {RefObject} from 'react'

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ')

/** The elements of `root` that Tab reaches, in order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(focusableSelector)).filter(
    el => !el.closest('[hidden], [inert]') && el.tabIndex >= 0,
  )
}

/**
 * Where Tab (or Shift+Tab) from `active` goes inside a dialog: around from the last to the
 * first element and back, so focus never leaves it. Undefined: let the browser move it.
 */
export function trappedTarget(
  items: readonly HTMLElement[],
  active: Element | null,
  backwards: boolean,
): HTMLElement | undefined {
  if (items.length === 0) return undefined
  const first = items[0]!
  const last = items[items.length - 1]!
  const at = active instanceof HTMLElement ? items.indexOf(active) : -1
  if (at < 0) return backwards ? last : first
  if (backwards && at === 0) return last
  if (!backwards && at === items.length - 1) return first
  return undefined
}

/**
 * A modal dialog's focus: on open, focus moves into `ref` (its `[data-autofocus]` element, else
 * its first tabbable one); Tab and Shift+Tab stay inside; Escape calls `onClose`; on close, focus
 * returns to what had it before (or to `fallback()` when that is gone), as WAI-ARIA's dialog
 * pattern asks.
 */
export function useDialogFocus(
  ref: RefObject<HTMLElement | null>,
  onClose: () => void,
  fallback?: () => HTMLElement | null | undefined,
): void {
  const onCloseRef = useRef(onClose)
  const fallbackRef = useRef(fallback)
  useEffect(() => {
    onCloseRef.current = onClose
    fallbackRef.current = fallback
  })
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const before = document.activeElement
    const initial = root.querySelector<HTMLElement>('[data-autofocus]') ?? tabbables(root)[0]
    ;(initial ?? root).focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault()
        e.stopPropagation()
        onCloseRef.current()
      } else if (e.key === 'Tab') {
        const next = trappedTarget(tabbables(root), document.activeElement, e.shiftKey)
        if (next) {
          e.preventDefault()
          next.focus()
        }
      }
    }
    root.addEventListener('keydown', onKey)
    return () => {
      root.removeEventListener('keydown', onKey)
      const back =
        before instanceof HTMLElement && before !== document.body && before.isConnected
          ? before
          : fallbackRef.current?.()
      // After React has removed the dialog: focus set during the commit would be lost with it.
      requestAnimationFrame(() => back?.focus())
    }
  }, [ref])
}
