import {useVirtualizer} from '@tanstack/react-virtual'
import {useEffect, useRef, useState} from 'react'
import type {KeyboardEvent} from 'react'
import {nodeKindNames} from '../../../shared/model/node-kind'
import {formatCount, formatDurationNs} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {onSelectedNode, usePane, useSelectNode} from '../../state/trace-scope'
import {useAppStoreApi} from '../../state/use-app-store'
import {flameMove, flamePlace, isFlameTree} from '../../components/flame-chart/flame-navigation'
import type {LinkedSource} from './flame-sources'

const rowHeightPx = 22

/**
 * A flame chart as text: its rectangles as an outline, in the order a depth-first walk meets
 * them, each with its duration (and for a merged chart, how many calls it stands for). It shares
 * the selection with every view; ↑/↓ walk the rows, ←/→ go to the parent and the first call
 * inside, Enter opens the frame view. What a screen reader reads instead of the canvas.
 */
export function FlameOutline(props: {
  source: LinkedSource
  label: string
  onOpen: (nodeId: number) => void
}) {
  const {source} = props
  const cols = source.cols
  const tree = isFlameTree(cols) ? cols : undefined
  const store = useAppStoreApi()
  const pane = usePane()
  const selectNode = useSelectNode()
  const [selected, setSelected] = useState(-1)
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cols.nodeCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan: 12,
  })

  useEffect(
    () =>
      onSelectedNode(store, pane, nodeId => {
        const row = nodeId === undefined ? -1 : source.chartRowOf(nodeId)
        setSelected(row)
        if (row >= 0) virtualizer.scrollToIndex(row, {align: 'auto'})
      }),
    [store, pane, source, virtualizer],
  )

  const go = (row: number): void => {
    if (row < 0 || row >= cols.nodeCount) return
    setSelected(row)
    virtualizer.scrollToIndex(row, {align: 'auto'})
    const nodeId = source.modelRowOf(row)
    if (nodeId >= 0) selectNode(nodeId)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    const moves: Record<string, () => number> = {
      ArrowDown: () => (selected < 0 ? 0 : selected + 1),
      ArrowUp: () => (selected < 0 ? 0 : selected - 1),
      ArrowLeft: () => (tree ? flameMove(tree, selected, 'parent') : -1),
      ArrowRight: () => (tree ? flameMove(tree, selected, 'child') : -1),
      Home: () => 0,
      End: () => cols.nodeCount - 1,
    }
    if (e.key === 'Enter' && selected >= 0) {
      e.preventDefault()
      const nodeId = source.modelRowOf(selected)
      if (nodeId >= 0) props.onOpen(nodeId)
      return
    }
    const move = moves[e.key]
    if (!move) return
    e.preventDefault()
    go(move())
  }

  const rowId = (row: number): string => `flame-outline-${pane}-${row}`
  return (
    <div
      ref={scrollRef}
      className="flame-outline"
      role="tree"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={selected >= 0 ? rowId(selected) : undefined}
      data-testid="flame-outline"
      data-view-focus
      onKeyDown={onKeyDown}
    >
      <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
        {virtualizer.getVirtualItems().map(item => {
          const row = item.index
          const d = source.describe(row)
          const place = tree ? flamePlace(tree, row) : undefined
          const kind = nodeKindNames[cols.kind[row]!] ?? 'frame'
          return (
            <div
              key={row}
              id={rowId(row)}
              role="treeitem"
              aria-level={cols.depth[row]! + 1}
              aria-posinset={place?.position}
              aria-setsize={place?.siblings}
              aria-selected={row === selected}
              className={`flame-outline-row kind-${kind}${row === selected ? ' selected' : ''}`}
              style={{
                transform: `translateY(${item.start}px)`,
                height: rowHeightPx,
                paddingLeft: 8 + Math.min(cols.depth[row]!, 40) * 12,
              }}
              onClick={() => go(row)}
              onDoubleClick={() => {
                const nodeId = source.modelRowOf(row)
                if (nodeId >= 0) props.onOpen(nodeId)
              }}
            >
              <KindIcon kind={kind} size={12} className="flame-outline-icon" />
              <span className="flame-outline-name mono">{d.name}</span>
              {d.calls !== undefined && d.calls > 1 && (
                <span className="flame-outline-calls">×{formatCount(d.calls)}</span>
              )}
              <span className="flame-outline-time mono">{formatDurationNs(d.durationNs)}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
