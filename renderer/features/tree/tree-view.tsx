import './tree.css'
import {useVirtualizer} from '@tanstack/react-virtual'
import {useCallback, useDeferredValue, useEffect, useMemo, useRef, useState} from 'react'
import type {KeyboardEvent} from 'react'
import {treeNavigationKey} from '../../components/tree-keys'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount} from '../../components/format'
import {LoadingStrip} from '../../components/load-progress'
import {modelKey, useModelOrPreview} from '../../state/trace-hooks'
import {usePane, useSelectedNode, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {useAppStore} from '../../state/use-app-store'
import {TreeRow} from './tree-row'
import {filterNodes, rowIndexOf, setSubtree, visibleRows, expandTo} from './tree-rows'
import {SiblingIndex} from './tree-siblings'
import {treeMemory} from './tree-state'
import {treeStats} from './tree-stats'
import {TreeToolbar} from './tree-toolbar'

const rowHeightPx = 22

/**
 * The call tree of the loaded trace: virtualised, collapsible, filterable, keyboard-driven. A big
 * trace shows its first rows while the rest loads; the whole model then takes their place under
 * the same key, so the tree keeps its scroll, expansion and selection.
 */
export function TreeView() {
  const model = useModelOrPreview(useTraceRef())
  if (!model) return null
  return <LoadedTree key={modelKey(model)} model={model} />
}

/** Marks the first paint of the tree's rows (the bench and the e2e suite read it). */
function useFirstRowsMark(model: TraceModel, rowCount: number): void {
  const marked = useRef(false)
  useEffect(() => {
    if (marked.current || rowCount === 0) return
    marked.current = true
    const detail = {traceId: model.traceId, partial: model.meta.partial !== undefined}
    requestAnimationFrame(() => performance.mark('tree-first-rows', {detail}))
  }, [model, rowCount])
}

/** "First 4,096 calls of 485,574 records": what a preview shows, over the tree. */
function previewText(model: TraceModel): string {
  const partial = model.meta.partial
  if (!partial) return ''
  const total = partial.recordsTotal === undefined ? '' : ` of ${formatCount(partial.recordsTotal)}`
  return `Showing the first ${formatCount(model.nodeCount)} rows (${formatCount(partial.recordsRead)}${total} records read)`
}

interface FilterState {
  keep: Uint8Array
  match: Uint8Array
  matchCount: number
  expanded: Uint8Array
  keptBefore: Int32Array // keptBefore[i]: kept nodes among rows 0 … i-1
}

function useFilter(model: TraceModel, needle: string): FilterState | undefined {
  return useMemo(() => {
    if (!needle) return undefined
    const f = filterNodes(model, needle)
    const keptBefore = new Int32Array(model.nodeCount + 1)
    for (let i = 0; i < model.nodeCount; i++) keptBefore[i + 1] = keptBefore[i]! + f.keep[i]!
    return {...f, expanded: new Uint8Array(model.nodeCount).fill(1), keptBefore}
  }, [model, needle])
}

function LoadedTree({model}: {model: TraceModel}) {
  const memory = treeMemory(model)
  const stats = treeStats(model)
  const selectedNodeId = useSelectedNode()
  const selectNode = useSelectNode()
  const setActiveView = useAppStore(s => s.setActiveView)
  const filterText = useAppStore(s => s.treeFilter)
  const needle = useDeferredValue(filterText.trim().toLowerCase())
  const filter = useFilter(model, needle)
  const [version, setVersion] = useState(0)
  const bump = useCallback(() => setVersion(v => v + 1), [])
  const scrollRef = useRef<HTMLDivElement>(null)
  const pane = usePane()
  const rowId = (nodeId: number): string => `tree-${pane}-node-${nodeId}`
  const pendingScroll = useRef<number | undefined>(selectedNodeId)

  const expanded = filter ? filter.expanded : memory.expanded
  const rows = useMemo(
    () => visibleRows(model, expanded, filter?.keep),
    // `version` stands for in-place changes to `expanded`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, expanded, filter, version],
  )

  useFirstRowsMark(model, rows.length)

  // We use no React compiler; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan: 12,
    initialOffset: memory.scrollTopPx,
  })

  const expandable = useCallback(
    (i: number): boolean => {
      const size = model.size[i]!
      if (size <= 1) return false
      return filter ? filter.keptBefore[i + size]! - filter.keptBefore[i + 1]! > 0 : true
    },
    [model, filter],
  )

  // A selection made elsewhere (flame chart, graph, a link) opens the tree down to the node.
  useEffect(() => {
    if (selectedNodeId === undefined || selectedNodeId >= model.nodeCount) return
    if (expandTo(model, expanded, selectedNodeId)) bump()
    pendingScroll.current = selectedNodeId
  }, [model, expanded, selectedNodeId, bump])

  useEffect(() => {
    const target = pendingScroll.current
    if (target === undefined) return
    const index = rowIndexOf(rows, target)
    if (index >= 0) {
      virtualizer.scrollToIndex(index, {align: 'auto'})
      pendingScroll.current = undefined
    }
  }, [rows, virtualizer, selectedNodeId])

  const toggle = useCallback(
    (i: number) => {
      expanded[i] = expanded[i] ? 0 : 1
      bump()
    },
    [expanded, bump],
  )
  const open = useCallback(
    (i: number) => {
      selectNode(i)
      if (model.kind[i] === NodeKind.frame) setActiveView('frame')
      else toggle(i)
    },
    [model, selectNode, setActiveView, toggle],
  )
  const setAll = (openAll: boolean): void => {
    expanded.fill(openAll ? 1 : 0)
    bump()
  }

  const nextMatch = (direction: 1 | -1): void => {
    if (!filter || filter.matchCount === 0) return
    const n = model.nodeCount
    let i = selectedNodeId ?? (direction === 1 ? -1 : n)
    for (let step = 0; step < n; step++) {
      i = (i + direction + n) % n
      if (filter.match[i]) {
        selectNode(i)
        return
      }
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (rows.length === 0) return
    const at = selectedNodeId === undefined ? -1 : rowIndexOf(rows, selectedNodeId)
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 440) / rowHeightPx) - 1)
    const go = (index: number): void => {
      const row = rows[Math.min(rows.length - 1, Math.max(0, index))]!
      selectNode(row)
      pendingScroll.current = row
      virtualizer.scrollToIndex(rowIndexOf(rows, row), {align: 'auto'})
    }
    const cur = at >= 0 ? rows[at]! : undefined
    const moved = treeNavigationKey(e.key, {
      at,
      rowCount: rows.length,
      page,
      current: cur,
      expandable,
      isOpen: node => Boolean(expanded[node]),
      parentIndex: node => (model.parent[node]! >= 0 ? rowIndexOf(rows, model.parent[node]!) : -1),
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
        if (cur !== undefined) open(cur)
        break
      case '*':
        if (cur !== undefined) {
          setSubtree(model, expanded, cur, true)
          bump()
        }
        break
      default:
        handled = false
    }
    if (handled) e.preventDefault()
  }

  const items = virtualizer.getVirtualItems()
  const siblings = new SiblingIndex(model, filter?.keep)
  return (
    <div className="tree-view">
      <TreeToolbar
        matchCount={filter?.matchCount}
        onExpandAll={() => setAll(true)}
        onCollapseAll={() => setAll(false)}
        onNextMatch={nextMatch}
      />
      {model.meta.partial && <LoadingStrip>{previewText(model)}</LoadingStrip>}
      <div className="tree-columns" aria-hidden="true">
        <span className="tree-col-name">Call</span>
        <span className="tree-col-self">Self</span>
        <span className="tree-col-dur">Total</span>
        <span className="tree-col-bar">Timeline</span>
      </div>
      <div
        ref={scrollRef}
        className="tree-scroll"
        tabIndex={0}
        role="tree"
        aria-label="Call tree"
        aria-activedescendant={
          selectedNodeId !== undefined && rowIndexOf(rows, selectedNodeId) >= 0
            ? rowId(selectedNodeId)
            : undefined
        }
        data-view-focus
        data-partial={model.meta.partial !== undefined || undefined}
        onKeyDown={onKeyDown}
        onScroll={e => {
          memory.scrollTopPx = e.currentTarget.scrollTop
        }}
      >
        {rows.length === 0 && <div className="pane-empty">No call matches “{filterText}”.</div>}
        <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
          {items.map(item => {
            const i = rows[item.index]!
            return (
              <div
                key={i}
                className="virtual-row"
                style={{transform: `translateY(${item.start}px)`, height: rowHeightPx}}
              >
                <TreeRow
                  model={model}
                  nodeId={i}
                  expandable={expandable(i)}
                  expanded={expanded[i] === 1}
                  selfNs={stats.selfNs[i]!}
                  sqlCount={stats.sqlCount[i]!}
                  selected={i === selectedNodeId}
                  needle={filter?.match[i] ? needle : ''}
                  id={rowId(i)}
                  position={siblings.position(i)}
                  setSize={siblings.size(i)}
                  onToggle={toggle}
                  onSelect={selectNode}
                  onOpen={open}
                />
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
