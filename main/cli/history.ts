import path from 'node:path'
import {parseArgs} from 'node:util'
import type {FunctionHistory, HistoryCall} from '../../shared/project-index/index-types'
import type {TraceService} from '../node/service/service'
import {formatLink} from '../node/projects/route-input'
import type {CliCommand} from './command'
import {CliError, usageError} from './command'
import {formatMs} from './list'
import {withProject} from './project-session'

/** `history PATH QUALNAME [--last N] [--json]`: the last calls of a function across the project. */
export const historyCommand: CliCommand = {
  summary: 'Print the last calls of a function across a project, with their values',
  usage: 'history PATH QUALNAME [--last N] [--json]',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {json: {type: 'boolean', default: false}, last: {type: 'string', default: '10'}},
      allowPositionals: true,
    })
    if (positionals.length !== 2) throw usageError('history needs a PATH and a QUALNAME')
    const [projectPath, qualname] = positionals as [string, string]
    const last = Number(values.last)
    if (!Number.isInteger(last) || last < 1 || last > 500) {
      throw usageError('--last takes a whole number from 1 to 500')
    }
    const history = await withProject(
      projectPath,
      async (service, project) => {
        await indexed(service, project.id)
        return service.getFunctionHistory({projectId: project.id, qualname, limit: last})
      },
      undefined,
      {index: true},
    )
    if (values.json) {
      io.out(JSON.stringify(history, undefined, 2))
      return 0
    }
    if (history.calls.length === 0) {
      throw new CliError(`${projectPath}: no calls of ${qualname} in its traces`, 1)
    }
    io.out(formatHistory(history, path.resolve(projectPath)).join('\n'))
    return 0
  },
}

// The index is built in the background; the CLI waits for the build to end.
async function indexed(service: TraceService, projectId: string): Promise<void> {
  for (;;) {
    const {progress} = await service.getProjectIndexStatus({projectId})
    if (progress.phase === 'store-missing' || progress.phase === 'failed') {
      throw new CliError(`the project index could not be built (${progress.phase})`, 1)
    }
    if (progress.phase === 'done' || progress.phase === 'cancelled') return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** The history as text: a header, then a line and a link per call, newest first. */
export function formatHistory(history: FunctionHistory, projectPath: string): string[] {
  const where = history.file ? `  ${history.file}:${history.line ?? '?'}` : ''
  const lines = [`${history.qualname}${where}  (${history.totalCalls} calls in the project)`]
  for (const call of history.calls) {
    lines.push(`${callLine(call)}`, `    ${formatLink(projectPath, call.traceId, call.frameId)}`)
  }
  return lines
}

function callLine(call: HistoryCall): string {
  const when = new Date(call.startMs).toISOString().replace('T', ' ').slice(0, 19)
  const outcome =
    call.exception !== undefined ? `raised ${call.exception}` : `-> ${call.returnValue ?? '?'}`
  const marks = call.outliers.length > 0 ? `  [${call.outliers.join(', ')}]` : ''
  const took = formatMs(call.durationNs / 1e6)
  return `${when}  ${took.padStart(7)}  ${call.traceName}  (${call.args ?? ''}) ${outcome}${marks}`
}
