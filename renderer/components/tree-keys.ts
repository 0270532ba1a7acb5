/** What a tree of rows tells its keys: where the selection is and how to move it. */
export interface TreeKeyTarget {
  /** The selected row's index among the visible rows, or -1. */
  at: number
  /** How many rows are visible. */
  rowCount: number
  /** How many rows a page key moves. */
  page: number
  /** The selected row's node (its id, not its index), if any. */
  current: number | undefined
  expandable(node: number): boolean
  isOpen(node: number): boolean
  /** The index of the node's parent among the visible rows, or -1 at the top. */
  parentIndex(node: number): number
  /** Selects the row at this index (clamped by the tree). */
  go(index: number): void
  toggle(node: number): void
}

/**
 * The keys every tree of calls shares, as the WAI-ARIA tree pattern has them: ↑/↓, Page Up/Down,
 * Home/End move; → opens a row or steps into it; ← closes it or goes to its parent. Returns
 * whether the key was one of them (the caller then prevents its default).
 */
export function treeNavigationKey(key: string, t: TreeKeyTarget): boolean {
  const {at, current: cur} = t
  switch (key) {
    case 'ArrowDown':
      t.go(at + 1)
      return true
    case 'ArrowUp':
      t.go(at < 0 ? 0 : at - 1)
      return true
    case 'PageDown':
      t.go(at + t.page)
      return true
    case 'PageUp':
      t.go(at - t.page)
      return true
    case 'Home':
      t.go(0)
      return true
    case 'End':
      t.go(t.rowCount - 1)
      return true
    case 'ArrowRight':
      if (cur === undefined) t.go(0)
      else if (t.expandable(cur) && !t.isOpen(cur)) t.toggle(cur)
      else if (t.expandable(cur)) t.go(at + 1)
      return true
    case 'ArrowLeft':
      if (cur === undefined) return true
      if (t.expandable(cur) && t.isOpen(cur)) t.toggle(cur)
      else {
        const p = t.parentIndex(cur)
        if (p >= 0) t.go(p)
      }
      return true
    default:
      return false
  }
}
