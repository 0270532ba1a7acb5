import {existsSync, readdirSync} from 'node:fs'
import path from 'node:path'
import type {App} from 'electron'
import {linkScheme} from '../node/projects/route-input'

/** How the app was started, as protocol registration needs to know it. */
export interface LaunchInfo {
  isPackaged: boolean
  platform: NodeJS.Platform
  /** process.execPath: the app, or the electron binary in dev. */
  execPath: string
  /** process.argv: in dev, argv[1] is the script Electron runs (dist/main/electron.cjs). */
  argv: readonly string[]
}

/**
 * Make the OS hand kolo-explorer:// links to this app; says what it did.
 *
 * Packaged, the installers register the scheme (electron-builder `protocols`: Info.plist on macOS,
 * the .desktop file's MimeType on Linux, build/installer.nsh on Windows), and Windows is also
 * registered here once, for a copy that was unpacked rather than installed. In dev, the electron
 * binary is registered with the script as its first argument, so a link starts this checkout.
 */
export function registerLinkProtocol(
  app: Pick<App, 'setAsDefaultProtocolClient' | 'isDefaultProtocolClient'>,
  launch: LaunchInfo,
): 'dev' | 'windows' | 'installer' | 'failed' {
  if (!launch.isPackaged) {
    const script = launch.argv[1]
    if (script === undefined) return 'failed'
    const args = [path.resolve(script)]
    if (app.isDefaultProtocolClient(linkScheme, launch.execPath, args)) return 'dev'
    return app.setAsDefaultProtocolClient(linkScheme, launch.execPath, args) ? 'dev' : 'failed'
  }
  if (launch.platform === 'win32') {
    if (app.isDefaultProtocolClient(linkScheme)) return 'windows'
    return app.setAsDefaultProtocolClient(linkScheme) ? 'windows' : 'failed'
  }
  return 'installer'
}

/**
 * In dev, the better-sqlite3 binding built for this Electron by scripts/start-electron.mjs
 * (.cache/electron-native/…), for a start that did not go through that launcher (a link).
 */
export function devSqliteBinding(
  appRoot: string,
  electronVersion: string | undefined,
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  if (electronVersion === undefined) return undefined
  const cache = path.join(appRoot, '.cache', 'electron-native')
  let names: string[]
  try {
    names = readdirSync(cache)
  } catch {
    return undefined
  }
  const suffix = `-electron-${electronVersion}-${platform}-${arch}`
  for (const name of names.sort().reverse()) {
    if (!name.startsWith('better-sqlite3-') || !name.endsWith(suffix)) continue
    const binding = path.join(cache, name, 'build', 'Release', 'better_sqlite3.node')
    if (existsSync(binding)) return binding
  }
  return undefined
}
