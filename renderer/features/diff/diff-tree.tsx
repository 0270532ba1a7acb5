import {useVirtualizer} from '@tanstack/react-virtual'
import {useEffect, useMemo, useRef, useState} from 'react'
import type {KeyboardEvent} from 'react'
import {treeNavigationKey} from '../../components/tree-keys'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount} from '../../components/format'
import {ModeSwitch} from '../../components/mode-switch'
import {hasChildren, isOpen, nextChange, toggleEntry, visibleEntries} from './diff-rows'
import type {EntryShape, RowFilter} from './diff-rows'
import {DiffTreeRow} from './diff-tree-row'

const rowHeightPx = 22

/** The tree's open and closed rows and its filter: kept by the view, so a tab switch keeps them. */
export interface DiffTreeState {
  filter: RowFilter
  collapsed: Uint8Array
  opened: Uint8Array
}

/**
 * The two traces as one tree: added (+), removed (−), changed (~) and moved (↦) calls, collapsed
 * to the changes unless asked for all; virtualised (a 500k-row diff lists as fast as 50 rows).
 */
export function DiffTree(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  shape: EntryShape
  state: DiffTreeState
  timing: Uint8Array | undefined
  noise: NoiseThreshold
  selected: number | undefined
  version: number
  onFilter: (filter: RowFilter) => void
  onSelect: (entry: number) => void
  onOpen: (entry: number, side?: 'a' | 'b') => void
}) {
  const {diff, shape, state, timing, selected} = props
  const [opens, setOpens] = useState(0)
  const rows = useMemo(
    () => visibleEntries(diff.tree, diff.alignment, shape, {...state, timing}),
    // `opens` stands for in-place changes of state.collapsed/opened, `version` for new marks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [diff, shape, state, timing, opens, props.version],
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  // We use no React compiler; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan: 12,
  })
  const at = selected === undefined ? -1 : rows.indexOf(selected)
  useEffect(() => {
    if (at >= 0) virtualizer.scrollToIndex(at, {align: 'auto'})
  }, [at, virtualizer])

  const toggle = (k: number): void => {
    toggleEntry(diff.tree, shape, k, state)
    setOpens(n => n + 1)
  }
  const expandable = (k: number): boolean =>
    hasChildren(diff.tree, diff.alignment, shape, k, state.filter, timing)
  const go = (index: number): void => {
    if (rows.length === 0) return
    const i = Math.min(rows.length - 1, Math.max(0, index))
    props.onSelect(rows[i]!)
    virtualizer.scrollToIndex(i, {align: 'auto'})
  }
  const step = (direction: 1 | -1): void => {
    const i = nextChange(diff.tree, diff.alignment, rows, at, direction)
    if (i >= 0) go(i)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 440) / rowHeightPx) - 1)
    const cur = at >= 0 ? rows[at]! : undefined
    const moved = treeNavigationKey(e.key, {
      at,
      rowCount: rows.length,
      page,
      current: cur,
      expandable,
      isOpen: k => isOpen(diff.tree, shape, k, state),
      parentIndex: k => (shape.parent[k]! >= 0 ? rows.indexOf(shape.parent[k]!) : -1),
      go,
      toggle,
    })
    if (moved) {
      e.preventDefault()
      return
    }
    let handled = true
    switch (e.key) {
      case 'Enter':
        if (cur !== undefined) props.onOpen(cur, e.shiftKey ? 'a' : undefined)
        break
      case 'n':
      case 'N':
        step(e.shiftKey ? -1 : 1)
        break
      default:
        handled = false
    }
    if (handled) e.preventDefault()
  }

  const stats = diff.alignment.stats
  const items = virtualizer.getVirtualItems()
  return (
    <div className="diff-tree">
      <div className="diff-toolbar">
        <ModeSwitch<RowFilter>
          label="Calls shown"
          value={state.filter}
          onChange={props.onFilter}
          options={[
            {value: 'changes', label: 'Changes', title: 'What differs, and the calls above it'},
            {
              value: 'timing',
              label: '+ Timing',
              title: 'Also the calls slower or faster past the noise threshold',
            },
            {value: 'all', label: 'All calls', testId: 'diff-filter-all'},
          ]}
        />
        <span className="diff-counts muted" data-testid="diff-counts">
          {stats.insertedSubtrees > 0 && <span>+{formatCount(stats.insertedSubtrees)} added</span>}
          {stats.removedSubtrees > 0 && <span>−{formatCount(stats.removedSubtrees)} removed</span>}
          {stats.moved > 0 && <span>{formatCount(stats.moved)} moved</span>}
          {stats.changed > 0 && <span>{formatCount(stats.changed)} changed</span>}
          <span>
            {formatCount(rows.length)} of {formatCount(diff.tree.count)} rows
          </span>
        </span>
        <span className="diff-fill" />
        <button className="icon-button" title="Previous change (Shift+N)" onClick={() => step(-1)}>
          ↑ Prev
        </button>
        <button className="icon-button" title="Next change (N)" onClick={() => step(1)}>
          ↓ Next
        </button>
      </div>
      <div className="diff-columns" aria-hidden="true">
        <span className="diff-col-name">Call</span>
        <span className="diff-col-time">Before</span>
        <span className="diff-col-time">After</span>
        <span className="diff-col-delta">Change</span>
      </div>
      <div
        ref={scrollRef}
        className="diff-scroll"
        tabIndex={0}
        role="tree"
        aria-label="Calls of both traces: added, removed, changed and moved"
        data-testid="diff-tree"
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 && (
          <div className="pane-empty">
            {diff.identical ? 'The calls are the same in both traces.' : 'No call differs.'}
          </div>
        )}
        <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
          {items.map(item => {
            const k = rows[item.index]!
            return (
              <div
                key={k}
                className="virtual-row"
                style={{transform: `translateY(${item.start}px)`, height: rowHeightPx}}
              >
                <DiffTreeRow
                  diff={diff}
                  a={props.a}
                  b={props.b}
                  entry={k}
                  noise={props.noise}
                  expandable={expandable(k)}
                  open={isOpen(diff.tree, shape, k, state)}
                  selected={k === selected}
                  version={props.version}
                  onToggle={toggle}
                  onSelect={props.onSelect}
                  onOpen={props.onOpen}
                />
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
