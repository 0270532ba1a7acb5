import {accessSync, constants, statSync} from 'node:fs'
import path from 'node:path'
import type {EditorHost} from './presets'

/** Whether `file` is an executable file (on Windows: an .exe or .com). */
export function isExecutable(file: string, host: EditorHost): boolean {
  try {
    if (!statSync(file).isFile()) return false
    if (host.platform === 'win32') return /\.(exe|com)$/i.test(file)
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The first executable called `name` on PATH, or undefined.
 *
 * On Windows only .exe and .com count: .cmd and .bat run through cmd.exe, i.e. a shell.
 */
export function findOnPath(name: string, host: EditorHost): string | undefined {
  const dirs = (host.env.PATH ?? host.env.Path ?? '').split(host.platform === 'win32' ? ';' : ':')
  const exts = host.platform === 'win32' ? ['.exe', '.com', ''] : ['']
  for (const dir of dirs) {
    if (dir === '') continue
    for (const ext of exts) {
      const file = path.join(dir, name + ext)
      if (isExecutable(file, host)) return file
    }
  }
  return undefined
}
