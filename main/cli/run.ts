import packageJson from '../../package.json'
import type {CliCommand, CliIo} from './command'
import {describeFailure, processIo, usageError} from './command'
import {desktopCommand} from './desktop'
import {diffCommand} from './diff'
import {generateTestCommand} from './generate-test'
import {historyCommand} from './history'
import {listCommand} from './list'
import {openCommand} from './open'
import {demoCommand, serveCommand} from './serve'
import {showCommand} from './show'

/**
 * The subcommands by name; a new one is one entry here.
 */
export const commands: Record<string, CliCommand> = {
  serve: serveCommand,
  list: listCommand,
  show: showCommand,
  diff: diffCommand,
  open: openCommand,
  demo: demoCommand,
  'generate-test': generateTestCommand,
  history: historyCommand,
}

/** The --help text. */
export function helpText(): string {
  const entries: [string, CliCommand][] = [['', desktopCommand], ...Object.entries(commands)]
  const lines = entries.map(
    ([, command]) => `  kolo-explorer ${command.usage}\n      ${command.summary}`,
  )
  return [
    `Kolo Explorer ${packageJson.version}: explore Kolo traces beside any editor.`,
    '',
    'Usage:',
    ...lines,
    '  kolo-explorer --help | --version',
    '',
    'PATH is a project folder holding .kolo/, a .kolo folder, a db.sqlite3 or a trace file.',
    'list, show and diff take --json for machine-readable output.',
  ].join('\n')
}

/**
 * Run the command line; resolves with the exit code.
 *
 * Failures print one message on stderr, naming the file and the problem, never a stack:
 * exit code 2 for a bad command line, 1 for bad data (set KOLO_EXPLORER_DEBUG=1 for stacks).
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      io.out(helpText())
      return 0
    }
    if (first === '--version' || first === '-V' || first === 'version') {
      io.out(packageJson.version)
      return 0
    }
    const command = first === undefined ? undefined : commands[first]
    if (command && rest.includes('--help')) {
      io.out(`Usage: kolo-explorer ${command.usage}\n  ${command.summary}`)
      return 0
    }
    if (command) return await command.run(rest, io)
    if (first !== undefined && first.startsWith('-')) throw usageError(`unknown option ${first}`)
    if (argv.length > 1) throw usageError(`unknown command "${first}"`)
    return await desktopCommand.run(argv, io)
  } catch (error) {
    const parseError = (error as {code?: unknown}).code
    const isParseError = typeof parseError === 'string' && parseError.startsWith('ERR_PARSE_ARGS')
    const {code, message} = isParseError
      ? {code: 2, message: (error as Error).message}
      : describeFailure(error)
    io.err(`kolo-explorer: ${message}`)
    if (code === 2) io.err('Run kolo-explorer --help for usage.')
    if (process.env.KOLO_EXPLORER_DEBUG && error instanceof Error && error.stack) {
      io.err(error.stack)
    }
    return code
  }
}
