import type {RequestDetails} from '../model/node-details'
import {dictGet, textOf} from '../values/py-value'
import type {ClockPlan} from './clock'
import type {GenCore} from './gen-context'
import type {HelperName} from './python-helpers'
import {inferChunkedRows} from './infer-rows'
import {parseJsonValue} from './json-value'
import type {Stmt} from './py-statements'
import {assign, blank, exprStmt} from './py-statements'
import {requestAct, responseContentType} from './request-act'
import {responseAsserts} from './response-asserts'
import type {TestScope} from './test-scope'
import {exceptionOf, wrapAct} from './test-scope'
import {unchangedCounts} from './write-asserts'
import type {NeededRow} from './rows'

/** The body of a request test, and what names it. */
export interface TestBody {
  stmts: Stmt[]
  /** Module-level helpers the body uses. */
  helpers: Set<HelperName>
  clock: ClockPlan
  testName: string
  className: string
  endpoint: string
  app?: string
}

/**
 * A request test: arrange the rows it read, act with the test client (clock frozen, HTTP mocked),
 * assert the response and the final state of every row it wrote. A 4xx asserts that nothing was
 * written; a 500 asserts that the recorded exception is raised (the test client re-raises it).
 */
export function requestTest(scope: TestScope, d: RequestDetails, g: GenCore): TestBody {
  const extra: NeededRow[] = []
  if (scope.replay.chunked.length > 0) {
    const content = d.response?.content
    const type = responseContentType(d.response?.headers) ?? ''
    const text = content?.t === 'str' ? content.v : undefined
    const html = text !== undefined && /html/.test(type) ? text : undefined
    const json = text !== undefined && /json/.test(type) ? parseJsonValue(text) : undefined
    const details = [...scope.inside('frame'), ...scope.inside('template')]
    const tables = scope.replay.chunked.map(c => c.table)
    extra.push(...inferChunkedRows(tables, {html, json, details, known: scope.replay.known}, g))
  }
  const {plan, clock, mocks, writes, helpers} = scope.build(extra)
  const userKey = scope.replay.sessionUser
  const user = userKey === undefined ? undefined : plan.byKey.get(userKey)?.variable
  if (user !== undefined) {
    g.report.skip('the session row', 'replaced by force_login of the user the session belonged to')
  }
  const act = requestAct(d, user, g)
  const status = d.response?.status ?? 200
  const stmts: Stmt[] = [...plan.stmts, blank]
  const urlPattern = d.response?.urlPattern
  const view = textOf(dictGet(urlPattern, 'view_qualname'))
  const urlName = textOf(dictGet(urlPattern, 'url_name'))
  const naming = names(d, view, urlName)
  if (status >= 500) {
    const exception = scope.inside('exception')[0]
    const summary = exception?.summary[exception.summary.length - 1]
    if (summary === undefined) {
      g.report.skip(
        'the 500 response',
        'the trace holds no exception record: only the status is asserted',
      )
    } else {
      const e = exceptionOf(summary, g)
      g.report.assert('exception', `raises ${summary.trim()}`)
      const raising = g.style.raises(e.ref, e.message, [exprStmt(act.call)])
      stmts.push(...act.before, ...wrapAct([raising], clock, mocks, g))
      if (mocks) stmts.push(blank, ...mocks.asserts)
      const testName = `${naming.testName}_raises_${snakeOf(e.ref)}`
      return {...naming, stmts, helpers, clock, testName}
    }
  }
  stmts.push(...act.before, ...wrapAct([assign('response', act.call)], clock, mocks, g), blank)
  const templates = topLevelTemplates(scope)
  const writtenTexts: string[] = []
  for (const w of scope.replay.writes) {
    for (const v of w.values.values()) if (v.t === 'str') writtenTexts.push(v.v)
  }
  const response = responseAsserts(
    d,
    {templates, plan, newPks: writes.newPks, writtenTexts, clock},
    g,
  )
  stmts.push(response.status, ...writes.lookups, ...response.rest)
  if (writes.asserts.length > 0) stmts.push(blank, ...writes.asserts)
  if (status >= 400 && scope.replay.writes.length === 0) {
    const counts = new Map<string, number>()
    for (const row of plan.rows) counts.set(row.table, (counts.get(row.table) ?? 0) + 1)
    stmts.push(blank, ...unchangedCounts(tablesOfApps(scope, view, counts), counts, g))
  }
  if (mocks) stmts.push(blank, ...mocks.asserts)
  return {...naming, stmts, helpers, clock}
}

function snakeOf(ref: string): string {
  return ref
    .slice(ref.lastIndexOf('.') + 1)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
}

function names(
  d: RequestDetails,
  view: string | undefined,
  urlName: string | undefined,
): {testName: string; className: string; endpoint: string; app?: string} {
  const viewName = view?.slice(view.lastIndexOf('.') + 1) ?? 'request'
  const slug = d.path
    .split('/')
    .filter(Boolean)
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase()
  const status = d.response?.status
  const testName = `test_${d.method.toLowerCase()}${slug ? `_${slug}` : '_root'}${status && status < 500 ? `_returns_${status}` : ''}`
  const className = viewName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(p => p[0]!.toUpperCase() + p.slice(1))
    .join('')
  return {
    testName: testName.replace(/_+/g, '_'),
    className: `${className || 'Request'}Tests`,
    endpoint: urlName ?? viewName,
    app: view?.split('.')[0],
  }
}

/** Templates the target rendered itself (not those an {% extends %} or {% include %} pulled in). */
function topLevelTemplates(scope: TestScope): string[] {
  const out: string[] = []
  const {model} = scope
  for (const d of scope.inside('template')) {
    if (d.template === undefined || out.includes(d.template)) continue
    let nested = false
    for (let p = model.parent[d.nodeId]!; p >= scope.target; p = model.parent[p]!) {
      if (scope.details.get(p)?.kind === 'template') nested = true
    }
    if (!nested) out.push(d.template)
  }
  return out
}

/** Tables whose row counts show that nothing was written: the view's app and the tables it read. */
function tablesOfApps(
  scope: TestScope,
  view: string | undefined,
  counts: Map<string, number>,
): string[] {
  const apps = new Set<string>()
  if (view) apps.add(view.split('.')[0]!)
  for (const table of counts.keys()) {
    const app = scope.g.index.model(table)?.appLabel
    if (app) apps.add(app)
  }
  const tables = scope.g.index.schema.models
    .filter(m => m.appLabel && apps.has(m.appLabel))
    .map(m => m.table)
  for (const t of counts.keys()) if (!tables.includes(t)) tables.push(t)
  return tables
}
