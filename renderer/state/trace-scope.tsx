import {createContext, useCallback, useContext, useEffect, useMemo} from 'react'
import type {ReactNode} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import type {TraceRef} from '../../shared/model/trace-ref'
import {traceKey, traceRef} from '../../shared/model/trace-ref'
import type {AppState} from './app-state'
import {loadStatusOf, mainPane, selectedNodeOf} from './selectors'
import {useAppStore, useAppStoreApi} from './use-app-store'

interface Scope {
  trace: TraceRef
  pane: string
}

const ScopeContext = createContext<Scope | undefined>(undefined)

/**
 * The views below show `trace`, with a node selection of their own, in the pane named `pane`.
 *
 * Without a TraceScope, views show the selected trace in the main pane. A scope loads its trace
 * when nobody has (its loads name the pane, so the backend cancels only the pane's own older
 * load): two scopes side by side show two traces, of one project or two, at once.
 */
export function TraceScope(props: {trace: TraceRef; pane: string; children?: ReactNode}) {
  const {pane} = props
  const key = traceKey(props.trace)
  // A fresh object each render from the caller must not reload: the key is the identity.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const trace = useMemo(() => props.trace, [key])
  const idle = useAppStore(s => loadStatusOf(s, trace).state === 'idle')
  const store = useAppStoreApi()
  useEffect(() => {
    if (idle) void store.getState().loadTrace(trace, pane)
  }, [store, trace, pane, idle])
  // Another trace in this pane: its old selection means nothing there.
  useEffect(() => () => store.getState().selectPaneNode(pane, undefined), [store, trace, pane])
  const value = useMemo(() => ({trace, pane}), [trace, pane])
  return <ScopeContext.Provider value={value}>{props.children}</ScopeContext.Provider>
}

/** The trace the views here show: their TraceScope's, else the selected trace (if any). */
export function useTraceRef(): TraceRef | undefined {
  const scope = useContext(ScopeContext)
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => s.selectedTraceId)
  const selected = useMemo(
    () =>
      projectId !== undefined && traceId !== undefined ? traceRef(projectId, traceId) : undefined,
    [projectId, traceId],
  )
  return scope ? scope.trace : selected
}

/** The pane the views here are in (the main pane outside any TraceScope). */
export function usePane(): string {
  return useContext(ScopeContext)?.pane ?? mainPane
}

/** The selected node of this pane's trace. */
export function useSelectedNode(): number | undefined {
  const pane = usePane()
  return useAppStore(s => selectedNodeOf(s, pane))
}

/** Select a node of this pane's trace (or clear the selection). */
export function useSelectNode(): (nodeId: number | undefined) => void {
  const pane = usePane()
  const store = useAppStoreApi()
  return useCallback(
    (nodeId: number | undefined) => {
      const s = store.getState()
      if (pane === mainPane) s.selectNode(nodeId)
      else s.selectPaneNode(pane, nodeId)
    },
    [store, pane],
  )
}

/**
 * Call `listener` with this pane's selected node now and whenever it changes, outside React
 * renders (canvases follow the selection without one). Returns the unsubscribe function.
 */
export function onSelectedNode(
  store: StoreApi<AppState>,
  pane: string,
  listener: (nodeId: number | undefined) => void,
): () => void {
  listener(selectedNodeOf(store.getState(), pane))
  return store.subscribe((s, prev) => {
    const nodeId = selectedNodeOf(s, pane)
    if (nodeId !== selectedNodeOf(prev, pane)) listener(nodeId)
  })
}
