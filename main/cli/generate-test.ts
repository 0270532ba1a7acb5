import fs from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {decodeModel} from '../../shared/api/model-codec'
import type {NodeDetails} from '../../shared/model/node-details'
import type {ProjectSummary} from '../../shared/model/trace-summary'
import type {TraceModel} from '../../shared/model/trace-model'
import type {TestGenReport} from '../../shared/testgen/report'
import type {TraceService} from '../node/service/service'
import {locate} from '../node/store/locate'
import {generateTestForTrace} from '../node/testgen/generate-for-trace'
import {writeTestFile} from '../node/testgen/write-test-file'
import type {CliCommand} from './command'
import {CliError, usageError} from './command'
import {withProject} from './project-session'

/** A trace opened through the service: its model, its details, its frames by id. */
export interface OpenedTrace {
  model: TraceModel
  getDetails: (nodeId: number) => Promise<NodeDetails>
  findFrame: (frameId: string) => Promise<number>
  sourceRoot: string
}

/**
 * The service calls generate-test makes, in one place (they become `{trace: TraceRef, …}`
 * requests when the API moves to TraceRef).
 */
export async function openTrace(
  service: TraceService,
  project: ProjectSummary,
  traceId: string,
): Promise<OpenedTrace> {
  const projectId = project.id
  const model = decodeModel(await service.loadTrace({trace: {projectId, traceId}}))
  const settings = await service.getSourceSettings({projectId})
  return {
    model,
    getDetails: nodeId => service.getNodeDetails({trace: {projectId, traceId}, nodeId}),
    findFrame: async frameId =>
      (await service.findFrame({trace: {projectId, traceId}, frameId})).nodeId,
    sourceRoot: settings.sourceRoot,
  }
}

/** `generate-test PATH TRACE_ID [--frame FRAME_ID] [--style django|pytest] [-o FILE] [--force]`. */
export const generateTestCommand: CliCommand = {
  summary: 'Generate a Django test from a trace (a request, or one function with --frame)',
  usage:
    'generate-test PATH TRACE_ID [--frame FRAME_ID] [--style django|pytest] [-o FILE] [--force] [--json]',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {
        frame: {type: 'string'},
        style: {type: 'string', default: 'django'},
        output: {type: 'string', short: 'o'},
        force: {type: 'boolean', default: false},
        json: {type: 'boolean', default: false},
      },
      allowPositionals: true,
    })
    if (positionals.length !== 2) throw usageError('generate-test needs a PATH and a TRACE_ID')
    const style = values.style
    if (style !== 'django' && style !== 'pytest') {
      throw usageError(`--style must be django or pytest, not ${style}`)
    }
    const [projectPath, traceId] = positionals as [string, string]
    const output = values.output
    if (output !== undefined && fs.existsSync(output) && !values.force) {
      throw new CliError(`${output} exists; pass --force to overwrite it`, 1)
    }
    const result = await withProject(projectPath, async (service, project) => {
      const trace = await openTrace(service, project, traceId)
      const target = values.frame === undefined ? undefined : await frameNode(trace, values.frame)
      const located = locate(projectPath)
      return generateTestForTrace({
        model: trace.model,
        getDetails: trace.getDetails,
        target,
        style,
        sourceRoot: trace.sourceRoot,
        dbFile: located.kind === 'db' ? located.location.dbFile : undefined,
        projectPath: path.resolve(projectPath),
      })
    })
    if (!result.ok) throw new CliError(`nothing to test: ${result.reason}`, 1)
    if (output === undefined) {
      io.out(
        values.json
          ? JSON.stringify(
              {code: result.code, report: result.report, suggestedPath: result.suggestedPath},
              undefined,
              2,
            )
          : result.code,
      )
      return 0
    }
    if (writeTestFile(output, result.code, values.force) === 'exists') {
      throw new CliError(`${output} exists; pass --force to overwrite it`, 1)
    }
    io.out(
      values.json
        ? JSON.stringify({file: output, report: result.report}, undefined, 2)
        : `wrote ${output}: ${describeReport(result.report)}`,
    )
    return 0
  },
}

/** A frame by its id (`frm_…`) or by its node number in the trace. */
async function frameNode(trace: OpenedTrace, frame: string): Promise<number> {
  if (/^\d+$/.test(frame)) return Number(frame)
  return trace.findFrame(frame)
}

/** One line: what the test arranges, mocks and asserts, and what it skipped. */
export function describeReport(report: TestGenReport): string {
  const parts = [
    `${report.arranged.length} rows arranged`,
    `${report.mocks.length} HTTP calls mocked`,
    `${report.asserts.length} asserts`,
  ]
  if (report.skipped.length > 0) {
    parts.push(`${report.skipped.length} things not reproduced (see the module docstring)`)
  }
  if (report.unresolvedTables.length > 0) {
    parts.push(`unresolved tables: ${report.unresolvedTables.join(', ')}`)
  }
  return parts.join(', ')
}
