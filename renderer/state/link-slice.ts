import type {StateCreator} from 'zustand/vanilla'
import type {LinkedExecution, OpenedLink} from '../../shared/api/projects-contract'
import {traceRef} from '../../shared/model/trace-ref'
import type {AppState, LinkSlice} from './app-state'
import {errorInfo} from './error-info'
import {whenTraceLoaded} from './when-loaded'

/** Creates the link slice. */
export const createLinkSlice: StateCreator<AppState, [], [], LinkSlice> = (set, get, store) => {
  // A comparison link: its executions' node ids (a frame id is looked up), then the diff view.
  const showComparison = async (comparison: NonNullable<OpenedLink['comparison']>) => {
    const {a, b} = comparison
    const refA = traceRef(a.projectId, a.traceId)
    const refB = traceRef(b.projectId, b.traceId)
    const nodeOf = async (side: LinkedExecution): Promise<number | undefined> => {
      if (side.nodeId !== undefined) return side.nodeId
      if (side.frameId === undefined) return undefined
      const trace = traceRef(side.projectId, side.traceId)
      return (await get().api.findFrame({trace, frameId: side.frameId})).nodeId
    }
    try {
      const [rootA, rootB] = await Promise.all([nodeOf(a), nodeOf(b)])
      get().openComparison(
        rootA !== undefined && rootB !== undefined
          ? {a: refA, b: refB, roots: {a: rootA, b: rootB}}
          : {a: refA, b: refB},
      )
    } catch (error) {
      set({notice: {kind: 'error', message: errorInfo(error).message}})
    }
  }

  return {
    showNotice: notice => set({notice}),
    dismissNotice: () => set({notice: undefined}),

    openLink: async link => {
      try {
        await get().showOpenedLink(await get().api.openLink({link}))
      } catch (error) {
        set({
          notice: {kind: 'error', message: `Could not open the link: ${errorInfo(error).message}`},
        })
      }
    },

    showOpenedLink: async opened => {
      const {projectId, traceId, frameId, missing} = opened
      if (!get().projects.some(p => p.id === projectId)) await get().loadProjects()
      get().selectProject(projectId)
      if (missing !== undefined) {
        set({notice: {kind: 'error', message: missing}})
        return
      }
      if (opened.comparison) {
        await showComparison(opened.comparison)
        return
      }
      if (traceId === undefined) return
      get().selectTrace(projectId, traceId)
      if (frameId === undefined || !(await whenTraceLoaded(store, projectId, traceId))) return
      try {
        const {nodeId} = await get().api.findFrame({trace: {projectId, traceId}, frameId})
        if (get().selectedProjectId !== projectId || get().selectedTraceId !== traceId) return
        get().selectNode(nodeId)
        get().setActiveView('frame')
      } catch (error) {
        set({notice: {kind: 'error', message: errorInfo(error).message}})
      }
    },
  }
}
