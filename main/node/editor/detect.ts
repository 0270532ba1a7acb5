import {readdirSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import path from 'node:path'
import type {EditorInfo} from '../../../shared/api/source-contract'
import type {EditorHost, EditorPreset} from './presets'
import {editorPresets} from './presets'
import {findOnPath, isExecutable} from './find-on-path'
import {findTerminal} from './terminal'

/** The host we run on. */
export function currentHost(): EditorHost {
  return {platform: process.platform, env: process.env, home: homedir()}
}

/** Paths with `*` in a segment, expanded against the file system. */
function expandWildcards(pattern: string): string[] {
  const parts = pattern.split('/')
  const star = parts.findIndex(p => p.includes('*'))
  if (star < 0) return [pattern]
  const dir = parts.slice(0, star).join('/') || '/'
  const re = new RegExp('^' + parts[star]!.split('*').map(escapeRe).join('.*') + '$')
  let names: string[]
  try {
    names = readdirSync(dir)
      .filter(n => re.test(n))
      .sort()
      .reverse()
  } catch {
    return []
  }
  const rest = parts.slice(star + 1).join('/')
  return names.flatMap(n => expandWildcards(path.join(dir, n, rest)))
}

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}

/** The launcher of a preset on this machine: on PATH first, then known install folders. */
export function findLauncher(preset: EditorPreset, host: EditorHost): string | undefined {
  for (const name of preset.names) {
    const found = findOnPath(name, host)
    if (found) return found
  }
  for (const pattern of preset.installPaths(host)) {
    for (const file of expandWildcards(pattern)) if (isExecutable(file, host)) return file
  }
  return undefined
}

/** Whether the JetBrains Toolbox is installed (it handles `jetbrains://` URLs). */
export function hasToolbox(host: EditorHost): boolean {
  const dir =
    host.platform === 'darwin'
      ? path.join(host.home, 'Library', 'Application Support', 'JetBrains', 'Toolbox')
      : host.platform === 'win32'
        ? path.join(
            host.env.LOCALAPPDATA ?? path.join(host.home, 'AppData', 'Local'),
            'JetBrains',
            'Toolbox',
          )
        : path.join(host.home, '.local', 'share', 'JetBrains', 'Toolbox')
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

/** Every preset with whether it is installed here and what would start it. */
export function detectEditors(host: EditorHost): EditorInfo[] {
  const toolbox = hasToolbox(host)
  return editorPresets.map(preset => {
    if (preset.kind === 'system') {
      return {id: preset.id, label: preset.label, installed: true, via: 'system'}
    }
    if (preset.kind === 'custom') {
      return {id: preset.id, label: preset.label, installed: true, via: 'template'}
    }
    const command = findLauncher(preset, host)
    // A console editor is only usable with a terminal emulator to run it in.
    if (command && preset.kind === 'terminal' && !findTerminal(host)) {
      return {id: preset.id, label: preset.label, installed: false, command, via: 'terminal'}
    }
    if (command) {
      return {
        id: preset.id,
        label: preset.label,
        installed: true,
        command,
        via: preset.kind === 'terminal' ? 'terminal' : 'command',
      }
    }
    const viaUrl = preset.toolboxTag !== undefined && toolbox
    return {id: preset.id, label: preset.label, installed: viaUrl, via: viaUrl ? 'url' : 'command'}
  })
}
