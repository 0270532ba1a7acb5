import {homedir} from 'node:os'
import path from 'node:path'

/**
 * The default folder for the user's settings (source roots, path mappings, editor choice):
 * `$XDG_CONFIG_HOME/kolo-explorer`, `~/Library/Application Support/kolo-explorer` on macOS,
 * `%APPDATA%\kolo-explorer` on Windows. Electron passes its own userData folder instead.
 */
export function defaultSettingsDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'kolo-explorer')
  if (platform === 'darwin') {
    return path.join(homedir(), 'Library', 'Application Support', 'kolo-explorer')
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'kolo-explorer')
}
