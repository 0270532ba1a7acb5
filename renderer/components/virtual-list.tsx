import {useVirtualizer} from '@tanstack/react-virtual'
import {useEffect, useRef} from 'react'
import type {ReactNode} from 'react'

/**
 * A vertically virtualised list whose rows may change height (an expanded query, a request
 * with its headers): only the rows in view are mounted, and each is measured once it renders.
 */
export function VirtualList<T>(props: {
  items: readonly T[]
  itemKey: (item: T, index: number) => string | number
  estimatePx: (item: T, index: number) => number
  render: (item: T, index: number) => ReactNode
  /** Scroll this row into view when it changes. */
  scrollToIndex?: number
  className?: string
  testId?: string
  empty?: ReactNode
}) {
  const {items, estimatePx, itemKey} = props
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: i => estimatePx(items[i]!, i),
    getItemKey: i => itemKey(items[i]!, i),
    overscan: 6,
  })
  const target = props.scrollToIndex
  useEffect(() => {
    if (target !== undefined && target >= 0 && target < items.length) {
      virtualizer.scrollToIndex(target, {align: 'start'})
    }
  }, [target, items.length, virtualizer])
  const rows = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      className={`insight-scroll ${props.className ?? ''}`}
      data-testid={props.testId}
    >
      {items.length === 0 ? (
        props.empty
      ) : (
        <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
          {rows.map(row => (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className="insight-vrow"
              style={{transform: `translateY(${row.start}px)`}}
            >
              {props.render(items[row.index]!, row.index)}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
