import type {StateCreator} from 'zustand/vanilla'
import {traceRef} from '../../shared/model/trace-ref'
import type {AppState, OverviewSlice} from './app-state'
import {errorInfo} from './error-info'
import {loadStatusOf, selectedTrace} from './selectors'
import {whenTraceLoaded} from './when-loaded'

/**
 * Creates the overview slice: the traces the overview's overlap views work on, the function whose
 * history shows, leaving a trace for its project's overview, opening one execution, the palette.
 */
export const createOverviewSlice: StateCreator<AppState, [], [], OverviewSlice> = (
  set,
  get,
  store,
) => ({
  overviewSelection: undefined,
  historyTarget: undefined,
  overviewReturn: undefined,
  paletteOpen: false,

  setOverviewSelection: selection => set({overviewSelection: selection}),
  showHistory: target => set({historyTarget: target}),
  setPaletteOpen: open => set({paletteOpen: open}),

  showOverview: () => {
    const open = selectedTrace(get())
    if (!open) return
    set({
      overviewReturn: open,
      selectedTraceId: undefined,
      selectedNodeId: undefined,
    })
  },

  openExecution: async ({projectId, traceId, nodeId, frameId, view}) => {
    get().selectTrace(projectId, traceId)
    if (nodeId === undefined && frameId === undefined) return
    if (!(await whenTraceLoaded(store, projectId, traceId))) return
    const ref = traceRef(projectId, traceId)
    let node = nodeId
    try {
      if (frameId !== undefined) node = (await get().api.findFrame({trace: ref, frameId})).nodeId
    } catch (error) {
      // The index may be older than the trace: fall back on its node id when it has one.
      if (node === undefined) {
        get().showNotice({kind: 'error', message: errorInfo(error).message})
        return
      }
    }
    const s = get()
    if (s.selectedProjectId !== projectId || s.selectedTraceId !== traceId) return
    const model =
      loadStatusOf(s, ref).state === 'ready' ? s.resources.peek('model', ref) : undefined
    if (node === undefined || !model || node < 0 || node >= model.nodeCount) {
      s.showNotice({kind: 'error', message: `Trace ${traceId} has no node ${String(node)}`})
      return
    }
    s.selectNode(node)
    s.setActiveView(view ?? 'frame')
  },
})
