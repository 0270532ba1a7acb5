import type {NodeDetails} from '../model/node-details'
import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'
import type {GenCore} from './gen-context'
import {frameTest} from './frame-test'
import {ModelNames} from './model-names'
import {PythonImports} from './python-imports'
import type {TestGenResult, TestStyle} from './report'
import {ReportBuilder} from './report'
import {requestTest} from './request-test'
import type {TestBody} from './request-test'
import type {ProjectSchema} from './schema'
import {SchemaIndex} from './schema'
import {renderModule} from './test-module'
import {TestScope} from './test-scope'
import {styleWriter} from './test-style'

/** Everything generation needs; details are gathered beforehand, so generation is synchronous. */
export interface TestGenInput {
  model: TraceModel
  /** Details of the nodes `neededNodes(model, target)` lists. */
  details: ReadonlyMap<number, NodeDetails>
  /** A request node (integration test) or a frame node (unit test). */
  target: number
  style?: TestStyle
  schema: ProjectSchema
  /** The project path for the kolo-explorer:// link back to the trace. */
  projectPath?: string
  /** Python source text by recorded path (for the target function's signature). */
  sources?: ReadonlyMap<string, string>
}

/**
 * A Django test generated from a trace by inversion: rows the target read become creates, the
 * target becomes a test-client call (or a function call), what it returned and wrote become asserts.
 * Pure and synchronous: no I/O, no Python.
 */
export function generateTest(input: TestGenInput): TestGenResult {
  const {model, target} = input
  if (!Number.isInteger(target) || target < 0 || target >= model.nodeCount) {
    return {ok: false, reason: `the trace has no node ${target}`}
  }
  const kind = model.kind[target]
  const details = input.details.get(target)
  if (kind !== NodeKind.request && kind !== NodeKind.frame) {
    return {ok: false, reason: 'only a request or a function call can become a test'}
  }
  if (!details || (details.kind !== 'request' && details.kind !== 'frame')) {
    return {ok: false, reason: `the details of node ${target} were not gathered`}
  }
  const style = input.style ?? 'django'
  const index = new SchemaIndex(input.schema)
  const imports = new PythonImports()
  const report = new ReportBuilder()
  const names = new ModelNames(index, imports, report)
  for (const reserved of ['response', 'result', 'recorded_http', 'NOW', 'client', 'self']) {
    names.reserve(reserved)
  }
  const g: GenCore = {
    index,
    cell: {useTz: input.schema.useTz ?? true},
    imports,
    names,
    report,
    style: styleWriter(style, imports),
  }
  const scope = new TestScope(model, input.details, target, g)
  for (const note of scope.replay.notes) {
    report.skip(`${note.what} (node ${note.nodeId})`, note.reason)
  }
  let body: TestBody
  let subject: string
  if (details.kind === 'request') {
    body = requestTest(scope, details, g)
    const status = details.response?.status
    subject = `${details.method} ${details.path}${status ? ` -> ${status}` : ''}`
  } else {
    if (details.unfinished) return {ok: false, reason: 'the call did not finish in the trace'}
    const built = frameTest(scope, details, details.file && input.sources?.get(details.file), g)
    if (typeof built === 'string') return {ok: false, reason: built}
    body = built
    subject = `${details.qualname ?? details.coName} (${details.file ?? '?'}:${details.line ?? '?'})`
  }
  const link = deepLink(input.projectPath, model.traceId, details.frameId)
  const code = renderModule(
    body,
    {
      traceId: model.traceId,
      subject,
      link,
      recordedAt: new Date(model.meta.startedAtMs).toISOString(),
      commit: model.meta.commitSha,
    },
    style,
    g,
  )
  const app = body.app ?? 'tests'
  const file = `test_${body.endpoint.replace(/[^A-Za-z0-9_]+/g, '_').toLowerCase()}`
  return {
    ok: true,
    code,
    suggestedPath: `${app}/tests/${file}.py`,
    moduleName: `${app}.tests.${file}`,
    report: {
      traceId: model.traceId,
      target: {nodeId: target, kind: details.kind, name: details.name},
      style,
      schemaOrigin: input.schema.origin,
      arranged: report.arranged,
      mocks: report.mocks,
      asserts: report.asserts,
      skipped: [...report.skipped, ...input.schema.notes.map(n => ({what: 'schema', reason: n}))],
      unresolvedTables: [...report.unresolved],
      frozenAt: report.frozenAt,
    },
  }
}

/** `kolo-explorer://open?project=…&trace=…&frame=…`. */
export function deepLink(
  project: string | undefined,
  traceId: string,
  frameId: string | undefined,
): string {
  const params = [
    ...(project === undefined ? [] : [`project=${encodeURIComponent(project)}`]),
    `trace=${encodeURIComponent(traceId)}`,
    ...(frameId === undefined ? [] : [`frame=${encodeURIComponent(frameId)}`]),
  ]
  return `kolo-explorer://open?${params.join('&')}`
}
