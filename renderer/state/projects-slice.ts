import type {StateCreator} from 'zustand/vanilla'
import type {AppState, ProjectsSlice} from './app-state'
import {errorInfo} from './error-info'

/** Creates the projects slice: the sidebar's projects, opening, finding and closing them. */
export const createProjectsSlice: StateCreator<AppState, [], [], ProjectsSlice> = (set, get) => {
  // Projects change under the page (opened, closed, a store recreated): the newest answer wins.
  let projectsSeq = 0
  const opened = async (projectId: string) => {
    await get().loadProjects()
    get().selectProject(projectId)
  }

  return {
    projects: [],
    projectsStatus: {state: 'idle'},
    koloVersions: {},
    findStatus: {state: 'idle'},

    loadProjects: async () => {
      // A list already shown stays while it is refreshed.
      const seq = ++projectsSeq
      if (get().projectsStatus.state !== 'ready') set({projectsStatus: {state: 'loading'}})
      try {
        const projects = await get().api.listProjects({})
        if (seq === projectsSeq) set({projects, projectsStatus: {state: 'ready'}})
      } catch (error) {
        if (seq === projectsSeq) set({projectsStatus: {state: 'failed', ...errorInfo(error)}})
      }
    },

    rememberKoloVersion: (projectId, version) => {
      const versions = get().koloVersions
      if (versions[projectId] !== version) set({koloVersions: {...versions, [projectId]: version}})
    },

    openProjectPath: async path => {
      try {
        const project = await get().api.openProject({path})
        await opened(project.id)
        return true
      } catch (error) {
        get().showNotice({kind: 'error', message: errorInfo(error).message})
        return false
      }
    },

    pickProject: async kind => {
      try {
        const {project} = await get().api.pickProject({kind})
        if (project) await opened(project.id)
      } catch (error) {
        get().showNotice({kind: 'error', message: errorInfo(error).message})
      }
    },

    closeProject: async projectId => {
      try {
        await get().api.closeProject({projectId})
      } catch (error) {
        get().showNotice({kind: 'error', message: errorInfo(error).message})
        return
      }
      // Its traces are out of reach now: free what the cache held of them.
      get().resources.evictTrace(projectId)
      await get().loadProjects()
      const {projects, selectedProjectId} = get()
      if (selectedProjectId === projectId) {
        set({selectedProjectId: undefined, selectedTraceId: undefined, selectedNodeId: undefined})
        const next = projects[0]
        if (next) get().selectProject(next.id)
      }
    },

    findProjects: async root => {
      set({findStatus: {state: 'searching', root}})
      try {
        const result = await get().api.findProjects({root})
        set({findStatus: {state: 'done', result}})
      } catch (error) {
        set({findStatus: {state: 'failed', message: errorInfo(error).message}})
      }
    },
  }
}
