import {useVirtualizer} from '@tanstack/react-virtual'
import {useEffect, useRef} from 'react'
import type {KeyboardEvent} from 'react'
import type {FunctionStats} from '../../../shared/algorithms/function-stats'
import type {FunctionTable} from '../../../shared/algorithms/function-table'
import {nodeKindNames} from '../../../shared/model/node-kind'
import {formatCount, formatDurationNs} from '../../components/format'
import {useAppStore} from '../../state/use-app-store'
import type {SandwichSort} from '../../state/app-state'

const rowHeightPx = 22

const columns: {key: SandwichSort; label: string; numeric: boolean}[] = [
  {key: 'selfNs', label: 'Self', numeric: true},
  {key: 'totalNs', label: 'Total', numeric: true},
  {key: 'calls', label: 'Calls', numeric: true},
  {key: 'name', label: 'Function', numeric: false},
]

/**
 * The sandwich's function table: self time, total time, calls and name per function, sortable,
 * virtualised and driven by the keyboard (arrows, Home/End, Page keys) as a grid.
 */
export function SandwichTable(props: {
  fns: FunctionTable
  stats: FunctionStats
  order: Uint32Array
  domainNs: number
  strings: readonly string[]
  selectedFn: number
  onSelect: (fn: number) => void
}) {
  const {fns, stats, order, selectedFn, onSelect} = props
  const sort = useAppStore(s => s.sandwichSort)
  const setSort = useAppStore(s => s.setSandwichSort)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan: 16,
  })
  const selectedIndex = order.indexOf(selectedFn)
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, {align: 'auto'})
  }, [selectedIndex, virtualizer])

  const onKeyDown = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 200) / rowHeightPx) - 1)
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -order.length,
      End: order.length,
    }
    const move = moves[e.key]
    if (move === undefined || order.length === 0) return
    e.preventDefault()
    const from = selectedIndex < 0 ? (move > 0 ? -1 : order.length) : selectedIndex
    const to = Math.min(order.length - 1, Math.max(0, from + move))
    onSelect(order[to]!)
  }

  const pct = (ns: number): string =>
    props.domainNs > 0 ? `${((100 * ns) / props.domainNs).toFixed(1)}%` : ''
  return (
    <div
      className="sandwich-table"
      role="grid"
      aria-label="Functions"
      aria-rowcount={order.length + 1}
      tabIndex={0}
      data-testid="sandwich-table"
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedIndex >= 0 ? `sandwich-fn-${selectedFn}` : undefined}
    >
      <div className="sandwich-head" role="row">
        {columns.map(c => (
          <button
            key={c.key}
            role="columnheader"
            className={`sandwich-cell sandwich-${c.key}${sort === c.key ? ' sorted' : ''}`}
            aria-sort={sort === c.key ? (c.key === 'name' ? 'ascending' : 'descending') : 'none'}
            onClick={() => setSort(c.key)}
          >
            {c.label}
            {sort === c.key ? (c.key === 'name' ? ' ↑' : ' ↓') : ''}
          </button>
        ))}
      </div>
      <div className="sandwich-scroll" ref={scrollRef}>
        <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
          {virtualizer.getVirtualItems().map(item => {
            const fn = order[item.index]!
            const file = fns.fileId[fn]! >= 0 ? props.strings[fns.fileId[fn]!] : undefined
            const kind = nodeKindNames[fns.kind[fn]!] ?? 'frame'
            return (
              <div
                key={fn}
                id={`sandwich-fn-${fn}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={fn === selectedFn}
                className={`sandwich-row${fn === selectedFn ? ' selected' : ''}`}
                data-testid="sandwich-row"
                style={{transform: `translateY(${item.start}px)`, height: rowHeightPx}}
                onClick={() => onSelect(fn)}
              >
                <span
                  role="gridcell"
                  className="sandwich-cell sandwich-selfNs"
                  title={pct(stats.selfNs[fn]!)}
                >
                  {formatDurationNs(stats.selfNs[fn]!)}
                </span>
                <span
                  role="gridcell"
                  className="sandwich-cell sandwich-totalNs"
                  title={pct(stats.totalNs[fn]!)}
                >
                  {formatDurationNs(stats.totalNs[fn]!)}
                </span>
                <span role="gridcell" className="sandwich-cell sandwich-calls">
                  {formatCount(stats.calls[fn]!)}
                </span>
                <span
                  role="gridcell"
                  className="sandwich-cell sandwich-name"
                  title={file ? `${fns.name[fn]}\n${file}` : fns.name[fn]}
                >
                  <span
                    className={`flame-kind-dot kind-${kind}${fns.library[fn] ? ' library' : ''}`}
                    aria-label={fns.library[fn] ? `${kind}, library` : kind}
                  />
                  <span className="sandwich-fn-name">{fns.name[fn]}</span>
                  {file && <span className="sandwich-file">{file}</span>}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
