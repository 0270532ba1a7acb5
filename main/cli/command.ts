import {ApiError} from '../../shared/api/errors'

/** Where a command writes: stdout and stderr, each a whole line or block at a time. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

/** One subcommand: its arguments (after the command name) in, an exit code out. */
export interface CliCommand {
  /** One line for --help. */
  summary: string
  /** The usage line(s), without the program name. */
  usage: string
  run(args: string[], io: CliIo): Promise<number>
}

/** A failure the user can act on: printed as one message, no stack; exit 2 (usage) or 1 (data). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** A bad command line: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, 2)
}

/** The exit code and the message for anything a command threw. */
export function describeFailure(error: unknown): {code: number; message: string} {
  if (error instanceof CliError) return {code: error.exitCode, message: error.message}
  if (error instanceof ApiError) {
    return {code: error.code === 'bad-request' ? 2 : 1, message: error.message}
  }
  return {code: 1, message: error instanceof Error ? error.message : String(error)}
}

/** The io of the real process. */
export const processIo: CliIo = {
  out: text => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: text => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
}
