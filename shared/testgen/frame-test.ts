import type {FrameDetails} from '../model/node-details'
import {dictGet, textOf} from '../values/py-value'
import type {ArrangePlan} from './arrange-plan'
import {parseRequestRepr} from './django-reprs'
import {argumentRows, frameCall, frameTarget, returnAsserts} from './frame-call'
import type {RequestArg} from './frame-call'
import type {GenCore} from './gen-context'
import {camel, snake} from './model-names'
import {atom, call, pyStr} from './py-expr'
import type {Stmt} from './py-statements'
import {assign, blank, exprStmt} from './py-statements'
import {defParams} from './python-source'
import {requestAct} from './request-act'
import {responseAsserts} from './response-asserts'
import type {TestBody} from './request-test'
import type {TestScope} from './test-scope'
import {exceptionOf, wrapAct} from './test-scope'

/**
 * A unit test of one frame: arrange the rows its arguments and queries need, call the function
 * with its recorded arguments (literals, containers, arranged model instances), assert the
 * recorded return value or exception and the rows it wrote. Arguments that cannot be rebuilt are
 * named, never faked: then there is nothing to test.
 */
export function frameTest(
  scope: TestScope,
  d: FrameDetails,
  source: string | undefined,
  g: GenCore,
): TestBody | string {
  const params =
    source === undefined || d.line === undefined ? undefined : defParams(source, d.line, d.coName)
  const target = frameTarget(d, params)
  if (typeof target === 'string') return target
  const {plan, clock, mocks, writes, helpers} = scope.build(
    argumentRows(target, scope.replay.known, g),
  )
  const built = frameCall(target, plan, scope.replay.known, g, requestArgument(scope, plan, g))
  if ('unbuildable' in built) {
    return `arguments that cannot be rebuilt from the trace: ${built.unbuildable.join('; ')}`
  }
  const fn = target.path[target.path.length - 1]!
  const naming = {
    className: `${target.path.map(camel).join('')}Tests`,
    endpoint: fn,
    app: target.module.split('.')[0],
  }
  const stmts: Stmt[] = [...plan.stmts, blank, ...built.setup]
  const failure = d.exceptionMessage ?? raisedText(d)
  if (failure !== undefined) {
    const e = exceptionOf(failure, g)
    g.report.assert('exception', `raises ${failure}`)
    stmts.push(
      ...wrapAct([g.style.raises(e.ref, e.message, [exprStmt(built.call)])], clock, mocks, g),
    )
    if (mocks) stmts.push(blank, ...mocks.asserts)
    const exceptionName = snake(e.ref.slice(e.ref.lastIndexOf('.') + 1))
    return {
      ...naming,
      stmts,
      helpers,
      clock,
      testName: `test_${snake(fn)}_raises_${exceptionName}`,
    }
  }
  stmts.push(...wrapAct([assign('result', built.call)], clock, mocks, g), blank)
  stmts.push(...writes.lookups)
  const outer = scope.outerRequest()
  const view = textOf(dictGet(outer?.response?.urlPattern, 'view_qualname'))
  if (outer && view !== undefined && view === d.qualname && outer.response?.status !== undefined) {
    // The view of the request: its return value is the recorded response.
    const writtenTexts: string[] = []
    const ctx = {
      templates: [],
      plan,
      newPks: writes.newPks,
      writtenTexts,
      clock,
      variable: 'result',
      direct: true,
    }
    const response = responseAsserts(outer, ctx, g)
    stmts.push(response.status, ...response.rest)
  } else {
    stmts.push(...returnAsserts(d, plan, scope.replay.known, writes.newPks, g))
  }
  if (writes.asserts.length > 0) stmts.push(blank, ...writes.asserts)
  if (mocks) stmts.push(blank, ...mocks.asserts)
  return {
    ...naming,
    stmts,
    helpers,
    clock,
    testName: `test_${snake(fn)}`,
  }
}

/**
 * A request argument rebuilt with RequestFactory from the request the frame ran in (method, path,
 * body, headers as the test client would send them), or from the repr alone for a GET.
 */
function requestArgument(scope: TestScope, plan: ArrangePlan, g: GenCore): RequestArg {
  return repr => {
    const parsed = parseRequestRepr(repr)
    if (!parsed) return undefined
    const factory = g.imports.from('django.test', 'RequestFactory')
    const setup: Stmt[] = [assign('factory', call(factory))]
    const outer = scope.outerRequest()
    const query = outer?.queryParams?.t === 'dict' && outer.queryParams.entries.length > 0
    const matches =
      outer !== undefined &&
      outer.method.toUpperCase() === parsed.method &&
      (parsed.path === outer.path || (query === true && parsed.path.startsWith(outer.path + '?')))
    if (matches) {
      const act = requestAct(outer, undefined, g, 'factory')
      setup.push(...act.before, assign('request', act.call))
    } else if (parsed.method === 'GET') {
      setup.push(assign('request', call('factory.get', [atom(pyStr(parsed.path))])))
    } else {
      return undefined
    }
    const userKey = scope.replay.sessionUser
    const user = userKey === undefined ? undefined : plan.byKey.get(userKey)?.variable
    if (user !== undefined) setup.push({t: 'assign', target: 'request.user', value: atom(user)})
    return {setup, expr: atom('request')}
  }
}

/** sys.monitoring traces carry the exception of an unwound frame. */
function raisedText(d: FrameDetails): string | undefined {
  const text = d.raised ? textOf(d.raised) : undefined
  if (text === undefined) return undefined
  const m = /^([\w.]+)\((['"])([\s\S]*)\2\)$/.exec(text)
  return m ? `${m[1]}: ${m[3]}` : text
}
