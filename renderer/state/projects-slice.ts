import type {StateCreator} from 'zustand/vanilla'
import type {FoundProjects, SettingsInfo, SettingsPatch} from '../../shared/api/projects-contract'
import type {AppState} from './app-state'
import {getModel} from './model-cache'
import {errorInfo} from './traces-slice'

/** A search for projects below a folder. */
export type FindStatus =
  | {state: 'idle'}
  | {state: 'searching'; root: string}
  | {state: 'done'; result: FoundProjects}
  | {state: 'failed'; message: string}

/** The sidebar's projects, the app settings and the live list's "follow latest". */
export interface ProjectsSlice {
  /** The app settings as the backend keeps them (undefined until loaded). */
  settings?: SettingsInfo
  settingsOpen: boolean
  setSettingsOpen: (open: boolean) => void
  loadSettings: () => Promise<void>
  updateSettings: (patch: SettingsPatch) => Promise<void>
  /** Follow latest: select each new trace of the shown project as it arrives. */
  toggleFollowLatest: () => void
  /** The Kolo version seen in each project's loaded traces, by project id. */
  koloVersions: Record<string, string | undefined>
  /** Traces that arrived while the page was open, newest first (the list marks them). */
  freshTraceIds: string[]
  /** Open a project by the absolute path the user typed; resolves true when it opened. */
  openProjectPath: (path: string) => Promise<boolean>
  /** Open a project with the system's picker (desktop). */
  pickProject: (kind: 'folder' | 'file') => Promise<void>
  /** Close a project: it leaves the sidebar (and, on the desktop, the remembered list). */
  closeProject: (projectId: string) => Promise<void>
  findStatus: FindStatus
  findProjects: (root: string) => Promise<void>
  /** Event handlers, wired by createAppStore. */
  onTracesAdded: (projectId: string, traceIds: string[]) => void
  onSettingsChanged: (info: SettingsInfo) => void
}

const freshCapacity = 50

/** Creates the projects slice. */
export const createProjectsSlice: StateCreator<AppState, [], [], ProjectsSlice> = (
  set,
  get,
  store,
) => {
  // Remember the Kolo version of each trace that loads, for the sidebar.
  store.subscribe((s, prev) => {
    if (s.traceStatus === prev.traceStatus || s.traceStatus.state !== 'ready') return
    const {projectId, traceId} = s.traceStatus
    const version = getModel(projectId, traceId)?.meta.koloVersion
    if (version === undefined) return
    if (s.koloVersions[projectId] !== version) {
      set({koloVersions: {...s.koloVersions, [projectId]: version}})
    }
  })

  const opened = async (projectId: string) => {
    await get().loadProjects()
    get().selectProject(projectId)
  }

  return {
    settingsOpen: false,
    setSettingsOpen: open => set({settingsOpen: open}),
    koloVersions: {},
    freshTraceIds: [],
    findStatus: {state: 'idle'},

    loadSettings: async () => {
      try {
        set({settings: await get().api.getSettings({})})
      } catch {
        // A backend without settings keeps the defaults.
      }
    },

    updateSettings: async patch => {
      const before = get().settings
      if (before) set({settings: {...before, ...patch}})
      try {
        set({settings: await get().api.updateSettings(patch)})
      } catch (error) {
        if (before) set({settings: before})
        get().showNotice({
          kind: 'error',
          message: `Could not save settings: ${errorInfo(error).message}`,
        })
      }
    },

    toggleFollowLatest: () => {
      const next = !(get().settings?.followLatest ?? false)
      void get().updateSettings({followLatest: next})
      const {selectedProjectId, traceLists} = get()
      // Turning it on jumps to the newest trace at once.
      const newest =
        selectedProjectId === undefined ? undefined : traceLists[selectedProjectId]?.traces[0]
      if (next && selectedProjectId !== undefined && newest) {
        get().selectTrace(selectedProjectId, newest.id)
      }
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
      await get().loadProjects()
      const {projects, selectedProjectId} = get()
      if (selectedProjectId === projectId) {
        set({selectedProjectId: undefined, selectedTraceId: undefined, selectedNodeId: undefined})
        set({traceStatus: {state: 'idle'}})
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

    onTracesAdded: (projectId, traceIds) => {
      if (traceIds.length === 0) return
      const fresh = [...traceIds, ...get().freshTraceIds].slice(0, freshCapacity)
      set({freshTraceIds: fresh})
      const {settings, selectedProjectId} = get()
      // Kolo names them newest first: follow the newest of the batch.
      if (settings?.followLatest === true && selectedProjectId === projectId) {
        get().selectTrace(projectId, traceIds[0]!)
      }
    },

    onSettingsChanged: info => set({settings: info}),
  }
}
