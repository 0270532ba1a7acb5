import type {EditorLaunch, EditorSettings} from '../../../shared/api/source-contract'
import {currentHost, detectEditors} from '../editor/detect'
import type {Spawner} from '../editor/launch'
import {planLaunch, spawnDetached} from '../editor/launch'
import type {EditorHost} from '../editor/presets'
import {SettingsFiles} from './settings-file'

/** What an editor launcher needs: where editor.json is, the platform, how to start a process. */
export interface EditorLauncherDeps {
  /** The user data folder holding editor.json. */
  settingsDir: string
  /** The platform, environment and home (tests: a fake PATH). */
  host?: EditorHost
  /** Starts the editor (tests: a recorder). */
  spawn?: Spawner
}

/** A local file to open: an absolute path, a line, and the project it belongs to. */
export interface LocalEditorTarget {
  file: string
  line: number
  column?: number
  /** The project's folder (some editors open it as the workspace). */
  projectRoot: string
}

/** Opens local files in the user's chosen editor. */
export interface EditorLauncher {
  /** The editor choice: the saved one, else the first installed editor found. */
  settings(): EditorSettings
  /** Open `target` in the chosen editor; rejects with 'unavailable' when it cannot start. */
  open(target: LocalEditorTarget): Promise<EditorLaunch>
}

/**
 * The editor launcher the source service and the test service share: the choice saved in
 * editor.json, planned into an argument vector (planLaunch) and spawned without a shell.
 *
 * It never decides which files may be opened: its callers check that (a file of a trace, a
 * test saved in this session).
 */
export function createEditorLauncher(deps: EditorLauncherDeps): EditorLauncher {
  const files = new SettingsFiles(deps.settingsDir)
  const host = deps.host ?? currentHost()
  const spawner = deps.spawn ?? spawnDetached

  function settings(): EditorSettings {
    const editors = detectEditors(host)
    const saved = files.editor()
    const detected =
      editors.find(e => e.installed && e.id !== 'system' && e.id !== 'custom')?.id ?? 'system'
    return {
      preset: saved?.preset ?? detected,
      saved: saved !== undefined,
      ...(saved?.template ? {template: saved.template} : {}),
      editors,
    }
  }

  return {
    settings,
    async open(target) {
      const {preset, template} = settings()
      const plan = planLaunch({preset, template}, target, host)
      await spawner(plan.command, plan.args)
      return {editor: plan.editor, file: target.file, line: Math.max(1, target.line)}
    },
  }
}
