import type {FrameDetails} from '../model/node-details'
import {textOf} from '../values/py-value'
import {argumentRows, frameCall, frameTarget, returnAsserts} from './frame-call'
import type {GenCore} from './gen-context'
import {snake} from './model-names'
import type {Stmt} from './py-statements'
import {assign, blank, exprStmt} from './py-statements'
import {defParams} from './python-source'
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
  const {plan, clock, mocks, writes} = scope.build(argumentRows(target, scope.replay.known, g))
  const built = frameCall(target, plan, scope.replay.known, g)
  if ('unbuildable' in built) {
    return `arguments that cannot be rebuilt from the trace: ${built.unbuildable.join('; ')}`
  }
  const fn = target.path[target.path.length - 1]!
  const naming = {
    className: `${target.path
      .map(p => p.replace(/^_+/, ''))
      .map(p => p[0]!.toUpperCase() + p.slice(1))
      .join('')}Tests`,
    endpoint: fn,
    app: target.module.split('.')[0],
  }
  const stmts: Stmt[] = [...plan.stmts, blank]
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
      helpers: mocks?.helpers ?? new Set(),
      clock,
      testName: `test_${snake(fn)}_raises_${exceptionName}`,
    }
  }
  stmts.push(...wrapAct([assign('result', built.call)], clock, mocks, g), blank)
  stmts.push(...writes.lookups, ...returnAsserts(d, plan, scope.replay.known, writes.newPks, g))
  if (writes.asserts.length > 0) stmts.push(blank, ...writes.asserts)
  if (mocks) stmts.push(blank, ...mocks.asserts)
  return {
    ...naming,
    stmts,
    helpers: mocks?.helpers ?? new Set(),
    clock,
    testName: `test_${snake(fn)}`,
  }
}

/** sys.monitoring traces carry the exception of an unwound frame. */
function raisedText(d: FrameDetails): string | undefined {
  const text = d.raised ? textOf(d.raised) : undefined
  if (text === undefined) return undefined
  const m = /^([\w.]+)\((['"])([\s\S]*)\2\)$/.exec(text)
  return m ? `${m[1]}: ${m[3]}` : text
}
