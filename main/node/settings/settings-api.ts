import type {ProjectsApi, SettingsInfo} from '../../../shared/api/projects-contract'
import {projectsRequestValidators} from '../../../shared/api/projects-contract'
import type {SettingsStore} from './settings-store'

/** The settings part of the API, over one SettingsStore. */
export interface SettingsApi extends Pick<ProjectsApi, 'getSettings' | 'updateSettings'> {
  /** The settings as getSettings answers them, synchronously. */
  info(): SettingsInfo
}

/**
 * getSettings and updateSettings: validated, saved at once, announced with `settingsChanged`.
 *
 * The editor choice and path mappings stay with the source service (their own files beside
 * settings.json): the settings view reads and writes them through SourceApi.
 */
export function createSettingsApi(
  store: SettingsStore,
  host: SettingsInfo['host'],
  announce: (info: SettingsInfo) => void,
): SettingsApi {
  const info = (): SettingsInfo => {
    const {theme, followLatest, projects} = store.get()
    return {
      theme,
      followLatest,
      projects: [...projects],
      file: store.file,
      host,
      warnings: store.warnings(),
    }
  }
  return {
    info,
    getSettings(req) {
      return attempt(() => {
        projectsRequestValidators.getSettings(req)
        return info()
      })
    },
    updateSettings(req) {
      return attempt(() => {
        store.update(projectsRequestValidators.updateSettings(req))
        const next = info()
        announce(next)
        return next
      })
    },
  }
}

function attempt<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
