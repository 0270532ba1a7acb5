import type {StateCreator} from 'zustand/vanilla'
import type {AppState} from './app-state'

/** What the user is looking at, shared by every view. */
export interface SelectionSlice {
  selectedProjectId?: string
  selectedTraceId?: string
  /** A row index of the loaded TraceModel (the same id getNodeDetails takes). */
  selectedNodeId?: number
  /** Show a project's trace list (loads its first page when not loaded yet). */
  selectProject: (projectId: string) => void
  /** Open a trace: selects it, clears the node selection and loads its model. */
  selectTrace: (projectId: string, traceId: string) => void
  /** Open the trace above (-1) or below (1) the selected one in the project's list. */
  selectAdjacentTrace: (step: 1 | -1) => void
  /** Select a node of the loaded trace, or clear the selection. */
  selectNode: (nodeId: number | undefined) => void
}

/** Creates the selection slice. */
export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selectProject: projectId => {
    // The selected trace belongs to the selected project: another project closes it (its ids
    // mean nothing there, and a copied store may even hold the same trace id).
    if (get().selectedProjectId !== projectId) {
      set({selectedProjectId: projectId, selectedTraceId: undefined, selectedNodeId: undefined})
    }
    if (!get().traceLists[projectId]) void get().loadTraceList(projectId)
  },
  selectTrace: (projectId, traceId) => {
    const s = get()
    if (s.selectedProjectId === projectId && s.selectedTraceId === traceId) {
      const status = s.traceStatus
      const current =
        status.state !== 'idle' && status.projectId === projectId && status.traceId === traceId
      if (current && status.state !== 'failed') return
    }
    set({selectedProjectId: projectId, selectedTraceId: traceId, selectedNodeId: undefined})
    if (!get().traceLists[projectId]) void get().loadTraceList(projectId)
    void get().loadTrace(projectId, traceId)
  },
  selectAdjacentTrace: step => {
    const {selectedProjectId, selectedTraceId, traceLists} = get()
    if (selectedProjectId === undefined) return
    const traces = traceLists[selectedProjectId]?.traces ?? []
    const at = traces.findIndex(t => t.id === selectedTraceId)
    const next = traces[at < 0 ? 0 : at + step]
    if (next) get().selectTrace(selectedProjectId, next.id)
    if (at + step >= traces.length - 5) void get().loadMoreTraces(selectedProjectId)
  },
  selectNode: nodeId => {
    if (get().selectedNodeId !== nodeId) set({selectedNodeId: nodeId})
  },
})
