import {existsSync, readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {decodeModel} from '../../shared/api/model-codec'
import type {SourceSettings} from '../../shared/api/source-contract'
import type {FrameDetails} from '../../shared/model/node-details'
import {NodeKind} from '../../shared/model/node-kind'
import {functionExtent, splitLines, toSlashes} from '../../shared/model/source'
import type {TraceModel} from '../../shared/model/trace-model'
import type {TraceSummary} from '../../shared/model/trace-summary'
import {formatPy} from '../../shared/values/py-format'
import type {PyValue} from '../../shared/values/py-value'
import type {TraceService} from '../node/service/service'
import {candidatesFor} from '../node/source/resolve'
import type {CliCommand, CliIo} from './command'
import {processIo, usageError} from './command'
import {allTraces} from './list'
import {withProject} from './project-session'

/** One traced call of a function that contains the asked line. */
export interface OpenMatch {
  traceId: string
  traceName: string
  createdAt: string
  nodeId: number
  frameId?: string
  qualname: string
  recordedPath: string
  defLine: number
  endLine?: number
  durationMs: number
  args?: PyValue
  returnValue?: PyValue
  argsSummary: string
  returnSummary: string
  link: string
}

/** The deep link that selects one execution of one function. */
export function deepLink(
  projectPath: string,
  traceId: string,
  frameId: string | undefined,
): string {
  const q = new URLSearchParams({project: projectPath, trace: traceId})
  if (frameId !== undefined) q.set('frame', frameId)
  return `kolo-explorer://open?${q.toString()}`
}

/** Whether a recorded path names the local file `file` (absolute), under the project's settings. */
export function recordedPathMatches(
  recorded: string,
  file: string,
  fileReal: string,
  settings: Pick<SourceSettings, 'sourceRoot' | 'mappings'>,
  given: string,
): boolean {
  for (const c of candidatesFor(recorded, settings)) {
    if (c.path === file || c.path === fileReal || safeRealpath(c.path) === fileReal) return true
  }
  // The editor may pass a path relative to its project root: compare the tails.
  const r = toSlashes(recorded).replace(/^(\.\.?\/)+/, '')
  const g = toSlashes(given).replace(/^(\.\.?\/)+/, '')
  return !path.isAbsolute(given) && (r === g || r.endsWith('/' + g))
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p)
  } catch {
    return undefined
  }
}

/** The def lines of the functions of a file that contain `line`, innermost first. */
export function enclosingDefLines(
  text: string | undefined,
  defLines: number[],
  line: number,
): number[] {
  const sorted = [...new Set(defLines)].filter(d => d <= line).sort((a, b) => b - a)
  if (text === undefined) return sorted.slice(0, 1)
  const lines = splitLines(text)
  return sorted.filter(d => d > 0 && functionExtent(lines, d).end >= line)
}

function summary(value: PyValue | undefined, max: number): string {
  if (value === undefined) return ''
  if (value.t === 'dict') {
    return value.entries
      .map(([k, v]) => `${k.t === 'str' ? k.v : formatPy(k)}=${formatPy(v, {maxChars: 60})}`)
      .join(', ')
      .slice(0, max)
  }
  return formatPy(value, {maxChars: max})
}

/** Find, across the traces of a project, the frames of the innermost function containing file:line. */
export async function findCalls(
  service: TraceService,
  projectId: string,
  projectPath: string,
  given: string,
  line: number,
): Promise<{matches: OpenMatch[]; searched: number}> {
  const settings = await service.getSourceSettings({projectId})
  // A relative --file is taken from the working directory, else from the project's source root.
  let file = path.resolve(given)
  if (!path.isAbsolute(given) && !existsSync(file)) file = path.resolve(settings.sourceRoot, given)
  const fileReal = safeRealpath(file) ?? file
  let text: string | undefined
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    text = undefined
  }
  const traces = await allTraces(service, projectId)
  const matches: OpenMatch[] = []
  for (const trace of traces) {
    let model: TraceModel
    try {
      model = decodeModel(await service.loadTrace({trace: {projectId, traceId: trace.id}}))
    } catch {
      continue // A trace that does not decode is listed as such by `list`; skip it here.
    }
    const rows = framesIn(model, fileIds(model, file, fileReal, settings, given))
    const wanted = new Set(
      enclosingDefLines(
        text,
        rows.map(r => model.line[r]!),
        line,
      ).slice(0, 1),
    )
    for (const row of rows.filter(r => wanted.has(model.line[r]!))) {
      matches.push(await describe(service, projectId, projectPath, trace, model, row, text))
    }
  }
  return {matches, searched: traces.length}
}

function fileIds(
  model: TraceModel,
  file: string,
  fileReal: string,
  settings: SourceSettings,
  given: string,
): Set<number> {
  const ids = new Set<number>()
  const seen = new Set<number>()
  for (let r = 0; r < model.nodeCount; r++) {
    const id = model.fileId[r]!
    if (model.kind[r] !== NodeKind.frame || id < 0 || seen.has(id)) continue
    seen.add(id)
    if (recordedPathMatches(model.strings[id]!, file, fileReal, settings, given)) ids.add(id)
  }
  return ids
}

function framesIn(model: TraceModel, ids: Set<number>): number[] {
  const rows: number[] = []
  for (let r = 0; r < model.nodeCount; r++) {
    if (model.kind[r] === NodeKind.frame && ids.has(model.fileId[r]!)) rows.push(r)
  }
  return rows
}

async function describe(
  service: TraceService,
  projectId: string,
  projectPath: string,
  trace: TraceSummary,
  model: TraceModel,
  row: number,
  text: string | undefined,
): Promise<OpenMatch> {
  const d = (await service.getNodeDetails({
    trace: {projectId, traceId: trace.id},
    nodeId: row,
  })) as FrameDetails
  const defLine = model.line[row]!
  const endLine = text === undefined ? d.returnLine : functionExtent(splitLines(text), defLine).end
  return {
    traceId: trace.id,
    traceName: trace.name,
    createdAt: trace.createdAt,
    nodeId: row,
    frameId: d.frameId,
    qualname: d.name,
    recordedPath: model.strings[model.fileId[row]!] ?? '',
    defLine,
    endLine,
    durationMs: (model.endNs[row]! - model.startNs[row]!) / 1e6,
    args: d.args,
    returnValue: d.raised ?? d.returnValue,
    argsSummary: summary(d.args, 200),
    returnSummary:
      d.raised !== undefined
        ? `raised ${summary(d.raised, 200)}`
        : d.exceptionMessage !== undefined
          ? `raised ${d.exceptionMessage}`
          : summary(d.returnValue, 200),
    link: deepLink(projectPath, trace.id, d.frameId),
  }
}

function formatMatches(matches: OpenMatch[], given: string, line: number): string {
  const out: string[] = [
    `${matches.length} call${matches.length === 1 ? '' : 's'} of code at ${given}:${line}`,
  ]
  for (const m of matches) {
    out.push(
      '',
      `${m.qualname}  ${m.recordedPath}:${m.defLine}${m.endLine ? `-${m.endLine}` : ''}`,
      `  trace   ${m.traceId}  ${m.traceName}  ${m.createdAt}  ${m.durationMs.toFixed(2)} ms`,
      `  args    ${m.argsSummary || '(none)'}`,
      `  return  ${m.returnSummary || '(none)'}`,
      `  open    ${m.link}`,
    )
  }
  return out.join('\n')
}

/**
 * `open --file F --line N [PATH] [--json]`: the traced calls of the function that contains
 * F:N, across the traces of the project at PATH (default: the working directory), for an
 * editor's external tool. Exit 0 with matches, 1 when there are none (like grep).
 */
export async function runOpenCommand(args: string[], io: CliIo = processIo): Promise<number> {
  const {values, positionals} = parseArgs({
    args,
    options: {
      file: {type: 'string'},
      line: {type: 'string'},
      json: {type: 'boolean', default: false},
    },
    allowPositionals: true,
  })
  if (values.file === undefined || values.line === undefined) {
    throw usageError('open needs --file F and --line N')
  }
  const line = Number(values.line)
  if (!Number.isInteger(line) || line < 1) {
    throw usageError(`--line: expected a line number, got ${values.line}`)
  }
  if (positionals.length > 1) throw usageError('open takes at most one PATH')
  const projectPath = path.resolve(positionals[0] ?? '.')
  const given = values.file
  const {matches, searched} = await withProject(projectPath, (service, project) =>
    findCalls(service, project.id, projectPath, given, line),
  )
  if (values.json) {
    io.out(
      JSON.stringify({file: given, line, project: projectPath, searched, matches}, undefined, 2),
    )
  } else if (matches.length === 0) {
    io.err(
      `No traced call of a function containing ${given}:${line} in ${searched} trace(s) of ${projectPath}`,
    )
  } else {
    io.out(formatMatches(matches, given, line))
  }
  return matches.length > 0 ? 0 : 1
}

/** The `open` subcommand, for main/cli/run.ts's table. */
export const openCommand: CliCommand = {
  summary: 'List the traced calls of the function at a file and line (for editor tools)',
  usage: 'open --file F --line N [PATH] [--json]',
  run: runOpenCommand,
}
