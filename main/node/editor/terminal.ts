import path from 'node:path'
import {findOnPath} from './find-on-path'
import type {EditorHost} from './presets'

/** A command and its argument vector. */
export interface Argv {
  command: string
  args: string[]
}

// How each terminal emulator takes a program and its arguments as separate argv entries.
// gnome-terminal and wezterm want `--` before the program; kitty and foot take it directly.
const linuxTerminals: [string, string[]][] = [
  ['kitty', []],
  ['alacritty', ['-e']],
  ['wezterm', ['start', '--']],
  ['foot', []],
  ['ghostty', ['-e']],
  ['konsole', ['-e']],
  ['gnome-terminal', ['--']],
  ['xfce4-terminal', ['-x']],
  ['x-terminal-emulator', ['-e']],
  ['xterm', ['-e']],
]

const macTerminals: [string, string[]][] = [
  ['/Applications/kitty.app/Contents/MacOS/kitty', []],
  ['/Applications/Alacritty.app/Contents/MacOS/alacritty', ['-e']],
  ['/Applications/WezTerm.app/Contents/MacOS/wezterm', ['start', '--']],
  ['/Applications/Ghostty.app/Contents/MacOS/ghostty', ['-e']],
]

// Terminal.app cannot take an argv: AppleScript builds the line with `quoted form of`, which
// single-quotes each argument for the shell Terminal runs, so no argument is ever re-parsed.
const appleScript = [
  'on run argv',
  'set cmd to ""',
  'repeat with a in argv',
  'set cmd to cmd & quoted form of (a as text) & " "',
  'end repeat',
  'tell application "Terminal" to activate',
  'tell application "Terminal" to do script cmd',
  'end run',
]

/**
 * The command and leading arguments of a terminal emulator that runs a program given as argv,
 * or undefined when none is found (Linux without one on PATH).
 *
 * `$TERMINAL` (taken as `-e` style unless it is a known one) wins, then the first known emulator.
 * On macOS, a known emulator app, else Terminal.app through osascript. On Windows, Windows
 * Terminal, else nothing in front (command ''): a detached console program gets its own window.
 */
export function findTerminal(host: EditorHost): Argv | undefined {
  if (host.platform === 'darwin') {
    for (const [app, flags] of macTerminals) {
      if (findOnPath(path.basename(app), {...host, env: {PATH: path.dirname(app)}})) {
        return {command: app, args: flags}
      }
    }
    return {command: 'osascript', args: appleScript.flatMap(l => ['-e', l])}
  }
  if (host.platform === 'win32') {
    const wt = findOnPath('wt', host)
    return wt ? {command: wt, args: []} : {command: '', args: []}
  }
  const fromEnv = host.env.TERMINAL?.trim()
  if (fromEnv && !/\s/.test(fromEnv)) {
    const found = fromEnv.includes('/') ? fromEnv : findOnPath(fromEnv, host)
    if (found) {
      const known = linuxTerminals.find(([name]) => name === path.basename(found))
      return {command: found, args: known?.[1] ?? ['-e']}
    }
  }
  for (const [name, flags] of linuxTerminals) {
    const found = findOnPath(name, host)
    if (found) return {command: found, args: flags}
  }
  return undefined
}

/** The argv that runs a console editor in a new terminal window; undefined without a terminal. */
export function inTerminal(program: Argv, host: EditorHost): Argv | undefined {
  const terminal = findTerminal(host)
  if (!terminal) return undefined
  if (terminal.command === '') return program
  return {command: terminal.command, args: [...terminal.args, program.command, ...program.args]}
}

/** The argv of the system's opener for a file or URL (xdg-open, open, explorer). */
export function systemOpener(target: string, host: EditorHost): Argv {
  if (host.platform === 'darwin') return {command: 'open', args: [target]}
  // explorer.exe opens a file or a URL with its default handler, with no cmd.exe in between.
  if (host.platform === 'win32') return {command: 'explorer.exe', args: [target]}
  return {command: findOnPath('xdg-open', host) ?? 'xdg-open', args: [target]}
}
