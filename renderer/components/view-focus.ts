import {useEffect, useRef} from 'react'
import type {RefObject} from 'react'

/**
 * The attribute a view puts on the element that should take focus when the user switches to it
 * (the tree, the frame view's heading, a chart): `<h3 tabIndex={-1} data-view-focus>`.
 */
export const viewFocusAttribute = 'data-view-focus'

/** The element of `panel` a view switch focuses: its marked target, else the panel itself. */
export function viewFocusTarget(panel: HTMLElement): HTMLElement {
  return panel.querySelector<HTMLElement>(`[${viewFocusAttribute}]`) ?? panel
}

/** Focus the view shown in `panel` (its marked target, else the panel). */
export function focusView(panel: HTMLElement): void {
  viewFocusTarget(panel).focus({preventScroll: true})
}

// A lazy view (or one waiting for its data) renders its target a moment after the switch.
const waitForTargetMs = 3000

/**
 * Focus follows a view switch: when `view` changes, focus moves into the panel (onto the
 * view's marked target once it has rendered), unless it is on the view tabs themselves, where
 * arrow keys switch views and focus stays on the tabs (the WAI-ARIA tabs pattern).
 */
export function useFocusOnViewSwitch(panelRef: RefObject<HTMLElement | null>, view: string): void {
  const previous = useRef(view)
  useEffect(() => {
    if (previous.current === view) return
    previous.current = view
    const panel = panelRef.current
    if (!panel || document.activeElement?.closest('[role="tablist"]')) return
    const marked = (): HTMLElement | null =>
      panel.querySelector<HTMLElement>(`[${viewFocusAttribute}]`)
    const now = marked()
    if (now) {
      now.focus({preventScroll: true})
      return
    }
    // Meanwhile the panel holds focus, so it is never lost to the page.
    panel.focus({preventScroll: true})
    const observer = new MutationObserver(() => {
      const target = marked()
      if (!target) return
      if (document.activeElement === panel) target.focus({preventScroll: true})
      observer.disconnect()
    })
    observer.observe(panel, {childList: true, subtree: true, attributes: true})
    const timer = setTimeout(() => observer.disconnect(), waitForTargetMs)
    return () => {
      observer.disconnect()
      clearTimeout(timer)
    }
  }, [panelRef, view])
}
