import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {CliCommand} from './command'
import {CliError} from './command'
import {packageRoot} from './built-files'

/** What scripts/start-electron.mjs exports to launch the desktop app. */
interface ElectronLauncher {
  /** Why Electron cannot run here, or undefined when it can. */
  electronUnavailable(): string | undefined
  /** Launch Electron on the built app with these arguments; resolves with its exit code. */
  launchElectron(args: string[]): Promise<number>
}

/**
 * `kolo-explorer [PATH|URL]`: the desktop app, when Electron is installed; else say why and
 * suggest `serve`, which needs no Electron.
 */
export const desktopCommand: CliCommand = {
  summary: 'Open the desktop app (on a project folder, store, .kolo file or kolo-explorer:// link)',
  usage: '[PATH|URL]',
  async run(args) {
    const root = packageRoot()
    const script = root && path.join(root, 'scripts', 'start-electron.mjs')
    let launcher: ElectronLauncher | undefined
    try {
      if (script) launcher = (await import(pathToFileURL(script).href)) as ElectronLauncher
    } catch {
      launcher = undefined
    }
    const why = launcher
      ? launcher.electronUnavailable()
      : 'the Electron launcher is not part of this install'
    if (why !== undefined || !launcher) {
      // A link is quoted: its ? and & mean something to a shell.
      const first = args[0]
      const target =
        first === undefined
          ? ''
          : first.includes('://')
            ? ` '${first.replace(/'/g, '')}'`
            : ` ${first}`
      throw new CliError(
        `The desktop app cannot start: ${why ?? 'unknown reason'}.\n` +
          `Explore in a browser instead:  kolo-explorer serve${target}`,
        1,
      )
    }
    return launcher.launchElectron(args)
  },
}
