import {spawn} from 'node:child_process'
import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import type {EditorPresetId} from '../../../shared/api/source-contract'
import {expandTemplate} from './command-template'
import {findLauncher, hasToolbox} from './detect'
import {findOnPath} from './find-on-path'
import type {EditorHost, EditorTarget} from './presets'
import {presetById, toolboxUrl} from './presets'
import type {Argv} from './terminal'
import {inTerminal, systemOpener} from './terminal'

/** The editor choice a launch is planned for. */
export interface LaunchChoice {
  preset: EditorPresetId
  template?: string
}

/** A planned launch: what will be spawned, and the editor's name for messages. */
export interface LaunchPlan extends Argv {
  editor: string
}

/**
 * A target made safe to pass as arguments: an absolute path (so it can never be read as an
 * option, whatever its first character) and integer line and column of at least 1.
 */
export function guardTarget(t: EditorTarget): EditorTarget {
  const whole = (n: number | undefined) =>
    n === undefined || !Number.isFinite(n) ? undefined : Math.max(1, Math.trunc(n))
  return {
    ...t,
    file: path.resolve(t.file),
    line: whole(t.line) ?? 1,
    column: whole(t.column),
  }
}

/**
 * The argv that opens `target` in the chosen editor, or an 'unavailable' ApiError.
 *
 * Presets use their launcher (PATH, then known install folders); JetBrains IDEs without one fall
 * back to a `jetbrains://` URL when the Toolbox is installed; console editors run in a terminal
 * emulator; URLs (custom or Toolbox) go to the system opener.
 */
export function planLaunch(
  choice: LaunchChoice,
  target: EditorTarget,
  host: EditorHost,
): LaunchPlan {
  const t = guardTarget(target)
  const preset = presetById(choice.preset)
  if (preset.kind === 'system') return {...systemOpener(t.file, host), editor: preset.label}
  if (preset.kind === 'custom') {
    if (!choice.template) {
      throw new ApiError(
        'unavailable',
        'No custom editor command is set: choose one in the editor settings',
      )
    }
    const launch = expandTemplate(choice.template, t)
    if (launch.kind === 'url') return {...systemOpener(launch.url, host), editor: 'custom URL'}
    // A bare name is looked up on the host's PATH here, so detection and launch agree.
    const command = /[\\/]/.test(launch.command)
      ? launch.command
      : (findOnPath(launch.command, host) ?? launch.command)
    return {command, args: launch.args, editor: launch.command}
  }
  const launcher = findLauncher(preset, host)
  if (!launcher) {
    if (preset.toolboxTag && hasToolbox(host)) {
      return {...systemOpener(toolboxUrl(preset.toolboxTag, t), host), editor: preset.label}
    }
    throw new ApiError(
      'unavailable',
      `${preset.label} was not found (looked for ${preset.names.join(', ')} on PATH and in the usual install folders)`,
    )
  }
  const program = {command: launcher, args: preset.args(t)}
  if (preset.kind === 'terminal') {
    const inside = inTerminal(program, host)
    if (!inside) {
      throw new ApiError(
        'unavailable',
        `${preset.label} needs a terminal emulator, and none was found (set $TERMINAL)`,
      )
    }
    return {...inside, editor: preset.label}
  }
  return {...program, editor: preset.label}
}

/** Starts a process; tests pass a recording fake. */
export type Spawner = (command: string, args: string[]) => Promise<void>

/**
 * Start a command detached from us, with an argument vector and never a shell.
 *
 * Resolves once the process has started, rejects with 'unavailable' when it cannot be started.
 */
export const spawnDetached: Spawner = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      shell: false,
      detached: true,
      stdio: 'ignore',
      windowsHide: false,
    })
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
    child.once('error', error => {
      reject(new ApiError('unavailable', `Could not start ${command}: ${error.message}`))
    })
  })
