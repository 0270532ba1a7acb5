import type {KeyboardEvent} from 'react'

/**
 * Arrow-key movement inside a group with one tab stop (tabs, radio groups, segmented controls),
 * as the WAI-ARIA patterns ask: ←/→ (and ↑/↓ unless `horizontalOnly`) move to the previous or
 * next item, wrapping; Home and End to the first and last. The item moved to is focused and
 * clicked, so selection follows focus. Items are the group's enabled elements with the focused
 * item's role (or `[role=tab]`, `[role=radio]`, buttons).
 *
 * Put it on the group's onKeyDown; give the chosen item tabIndex 0 and the others -1.
 */
export function rovingKeyDown(e: KeyboardEvent<HTMLElement>, horizontalOnly = false): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return
  const target = e.target as HTMLElement
  const role = target.getAttribute('role')
  const selector = role ? `[role="${role}"]` : 'button'
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(selector)).filter(
    el => !el.hasAttribute('disabled') && el.getAttribute('aria-disabled') !== 'true',
  )
  const at = items.indexOf(target)
  if (at < 0 || items.length === 0) return
  const next = rovingIndex(e.key, at, items.length, horizontalOnly)
  if (next === undefined) return
  e.preventDefault()
  const item = items[next]!
  item.focus()
  if (next !== at) item.click()
}

/** The index an arrow, Home or End key moves to from `at` among `count` items; else undefined. */
export function rovingIndex(
  key: string,
  at: number,
  count: number,
  horizontalOnly = false,
): number | undefined {
  switch (key) {
    case 'ArrowRight':
      return (at + 1) % count
    case 'ArrowLeft':
      return (at - 1 + count) % count
    case 'ArrowDown':
      return horizontalOnly ? undefined : (at + 1) % count
    case 'ArrowUp':
      return horizontalOnly ? undefined : (at - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}
