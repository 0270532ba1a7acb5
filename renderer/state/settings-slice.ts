import type {StateCreator} from 'zustand/vanilla'
import type {AppState, SettingsSlice} from './app-state'
import {errorInfo} from './error-info'

const slowQueryKey = 'kolo-explorer.sql.slowMs'
/** The default slow-query threshold, in ms (Django Debug Toolbar's SQL_WARNING_THRESHOLD is 500). */
export const defaultSlowQueryMs = 10

/** Creates the settings slice: app settings, the slow-query threshold, the sources generation. */
export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settingsOpen: false,
  setSettingsOpen: open => set({settingsOpen: open}),
  sourcesGeneration: 0,
  slowQueryMs: readSlowQueryMs(),

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

  onSettingsChanged: info => set({settings: info}),

  invalidateSources: () => {
    get().resources.evictKind('source')
    set({sourcesGeneration: get().sourcesGeneration + 1})
  },

  setSlowQueryMs: ms => {
    if (!Number.isFinite(ms) || ms <= 0) return
    set({slowQueryMs: ms})
    try {
      globalThis.localStorage?.setItem(slowQueryKey, String(ms))
    } catch {
      // A private window without storage: the choice lasts for this page only.
    }
  },
})

function readSlowQueryMs(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(slowQueryKey))
    return Number.isFinite(v) && v > 0 ? v : defaultSlowQueryMs
  } catch {
    return defaultSlowQueryMs
  }
}
