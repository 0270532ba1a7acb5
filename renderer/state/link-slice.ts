import type {StateCreator} from 'zustand/vanilla'
import type {AppState, LinkSlice} from './app-state'
import {errorInfo} from './error-info'
import {whenTraceLoaded} from './when-loaded'

/** Creates the link slice. */
export const createLinkSlice: StateCreator<AppState, [], [], LinkSlice> = (set, get, store) => {
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
