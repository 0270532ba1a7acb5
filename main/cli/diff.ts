import path from 'node:path'
import {parseArgs} from 'node:util'
import {decodeModel} from '../../shared/api/model-codec'
import {diffTraces} from '../node/diff/diff-traces'
import type {DiffSource} from '../node/diff/diff-traces'
import {diffJson, formatDiffLines} from '../node/diff/format-diff'
import type {TraceService} from '../node/service/service'
import type {CliCommand} from './command'
import {CliError, describeFailure, usageError} from './command'
import {allTraces} from './list'
import {withProject} from './project-session'

/**
 * `diff PATH A B [--json]` or `diff PATH_A A PATH_B B [--json]`: compare two traces.
 *
 * Exit 0 when they match (time aside), 1 when they differ, 2 on bad input: a bad command line,
 * a path that does not open, an unknown trace. A trace is its id or `@N`, the N-th newest of its
 * project (`@0` the newest; the one trace of a .kolo file).
 */
export const diffCommand: CliCommand = {
  summary: 'Compare two traces (exit 0: same, 1: different, 2: bad input)',
  usage: 'diff PATH A B [--json] | diff PATH_A A PATH_B B [--json]   (A, B: trace id or @N)',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {json: {type: 'boolean', default: false}},
      allowPositionals: true,
    })
    const sides = parseSides(positionals)
    let identical: boolean
    try {
      const diff = await withTwoTraces(sides, (a, b) => diffTraces(a, b))
      identical = diff.identical
      io.out(
        values.json
          ? JSON.stringify(diffJson(diff), undefined, 2)
          : formatDiffLines(diff).join('\n'),
      )
    } catch (error) {
      // Exit 1 means "different": every failure here is bad input.
      throw new CliError(describeFailure(error).message, 2)
    }
    return identical ? 0 : 1
  },
}

/** A trace named on the command line: its project path and its id or `@N`. */
interface SideArg {
  projectPath: string
  trace: string
}

function parseSides(positionals: string[]): [SideArg, SideArg] {
  if (positionals.length === 3) {
    const [projectPath, a, b] = positionals as [string, string, string]
    return [
      {projectPath, trace: a},
      {projectPath, trace: b},
    ]
  }
  if (positionals.length === 4) {
    const [pathA, a, pathB, b] = positionals as [string, string, string, string]
    return [
      {projectPath: pathA, trace: a},
      {projectPath: pathB, trace: b},
    ]
  }
  throw usageError('diff needs PATH A B, or PATH_A A PATH_B B')
}

/** Open the project(s), load both traces as diff sources, run `use`, and close everything. */
async function withTwoTraces<T>(
  [a, b]: [SideArg, SideArg],
  use: (a: DiffSource, b: DiffSource) => Promise<T>,
): Promise<T> {
  if (path.resolve(a.projectPath) === path.resolve(b.projectPath)) {
    return withProject(a.projectPath, async (service, project) =>
      use(
        await serviceSource(
          service,
          project.id,
          await resolveTrace(service, project.id, a.trace),
          'diff-a',
        ),
        await serviceSource(
          service,
          project.id,
          await resolveTrace(service, project.id, b.trace),
          'diff-b',
        ),
      ),
    )
  }
  return withProject(a.projectPath, async (serviceA, projectA) => {
    const sourceA = await serviceSource(
      serviceA,
      projectA.id,
      await resolveTrace(serviceA, projectA.id, a.trace),
      'diff-a',
    )
    return withProject(b.projectPath, async (serviceB, projectB) =>
      use(
        sourceA,
        await serviceSource(
          serviceB,
          projectB.id,
          await resolveTrace(serviceB, projectB.id, b.trace),
          'diff-b',
        ),
      ),
    )
  })
}

/** One side of the diff through the service API. */
export async function serviceSource(
  service: TraceService,
  projectId: string,
  traceId: string,
  client: string,
): Promise<DiffSource> {
  const trace = {projectId, traceId}
  const model = decodeModel(await service.loadTrace({trace, client}))
  return {
    model,
    insights: () => service.getTraceInsights({trace}),
    details: nodeId => service.getNodeDetails({trace, nodeId}),
  }
}

/** A trace id as given, or `@N`: the N-th newest trace of the project. */
async function resolveTrace(
  service: TraceService,
  projectId: string,
  trace: string,
): Promise<string> {
  const nth = /^@(\d+)$/.exec(trace)
  if (!nth) return trace
  const traces = await allTraces(service, projectId)
  const found = traces[Number(nth[1])]
  if (!found) throw new CliError(`${trace}: the project has ${traces.length} traces`, 2)
  return found.id
}
