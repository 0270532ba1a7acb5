import path from 'node:path'
import {routeInput} from './route-input'
import type {Route, RouteContext} from './route-input'

/** At most this many inputs on one command line; more is refused whole. */
export const maxArgvInputs = 32
/** At most this many characters over all inputs of one command line. */
export const maxArgvChars = 64 * 1024

/** How a command line reached us. */
export interface ArgvOrigin {
  /** Packaged: argv is [app, …inputs]; dev: [electron, script, …inputs]. */
  isPackaged: boolean
  /** The working directory of the launch, that relative paths are taken from. */
  cwd: string
}

/**
 * Route the inputs of a command line (a cold start, or a second launch handed over).
 *
 * Switches (`--inspect`, Chromium's own `--allow-file-access-from-files`, …) are skipped. A
 * relative path is taken from the directory the command ran in (the shell resolved it there);
 * links and absolute paths go to routeInput as they are. A huge command line is refused whole,
 * with one reason, and opens nothing.
 */
export function routeArgv(
  argv: readonly string[],
  origin: ArgvOrigin,
  ctx: RouteContext = {},
): Route[] {
  const inputs = argv
    .slice(origin.isPackaged ? 1 : 2)
    .filter(arg => typeof arg === 'string' && arg !== '' && !arg.startsWith('-'))
  if (inputs.length > maxArgvInputs) {
    return [
      {
        kind: 'rejected',
        reason: `Too many arguments (${inputs.length}; at most ${maxArgvInputs}): nothing was opened`,
      },
    ]
  }
  const chars = inputs.reduce((n, arg) => n + arg.length, 0)
  if (chars > maxArgvChars) {
    return [
      {
        kind: 'rejected',
        reason: `The command line is too long (${chars} characters; at most ${maxArgvChars}): nothing was opened`,
      },
    ]
  }
  const pathApi = ctx.pathApi ?? path
  return inputs.map(arg => {
    const hasScheme = /^[a-z][a-z\d+.-]+:/i.test(arg)
    if (hasScheme || pathApi.isAbsolute(arg) || !pathApi.isAbsolute(origin.cwd)) {
      return routeInput(arg, ctx)
    }
    return routeInput(pathApi.resolve(origin.cwd, arg), ctx)
  })
}
