import type {FrameDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import type {ArrangePlan} from './arrange-plan'
import {
  hasAddress,
  parseModelRepr,
  parseQuerySetRepr,
  parseResponseRepr,
  parseUnevaluatedQuerySet,
} from './django-reprs'
import type {ModelRepr} from './django-reprs'
import type {GenCore} from './gen-context'
import type {Expr} from './py-expr'
import {atom, call, flat, pyStr, seq} from './py-expr'
import {literal, valueKey} from './py-literal'
import type {Stmt} from './py-statements'
import type {PyParam} from './python-source'
import {moduleOfFile} from './python-source'
import {rowKey} from './rows'
import type {NeededRow, RawRow} from './rows'

/** How to call the function of a frame, found before anything is arranged. */
export interface FrameTarget {
  module: string
  /** `Book.average_rating` → ['Book', 'average_rating']. */
  path: string[]
  /** The recorded arguments (locals at the call), in order. */
  args: [string, PyValue][]
  params?: PyParam[]
}

/** The function of a frame as importable Python, or why it is not. */
export function frameTarget(d: FrameDetails, params: PyParam[] | undefined): FrameTarget | string {
  if (d.file === undefined) return 'the frame has no file'
  const qualname = d.qualname
  const module = moduleOfFile(d.file, qualname)
  if (module === undefined) return `${d.file} is not project code that a test can import`
  const rest = qualname === undefined ? [d.coName] : qualname.slice(module.length + 1).split('.')
  if (rest.some(p => p.startsWith('<'))) {
    return `${qualname ?? d.coName} is a nested function, lambda or comprehension: not importable`
  }
  if (d.args?.t !== 'dict') return 'the frame recorded no arguments'
  const args: [string, PyValue][] = []
  for (const [k, v] of d.args.entries) if (k.t === 'str') args.push([k.v, v])
  return {module, path: rest, args, params}
}

/** The arranged rows model-instance arguments need (`<Book: Book object (1)>` needs book 1). */
export function argumentRows(t: FrameTarget, known: Map<string, RawRow>, g: GenCore): NeededRow[] {
  const out: NeededRow[] = []
  const visit = (r: ModelRepr): void => {
    const key = instanceKey(r, known, g)
    if (!key) return
    const model = g.index.byClassName(r.className)!
    out.push({
      table: model.table,
      pk: key.pk,
      cols: new Map(known.get(key.key)),
      from: `argument <${r.className}: ${r.label}>`,
    })
  }
  for (const [, v] of t.args) {
    if (v.t !== 'repr') continue
    const one = parseModelRepr(v.v)
    if (one) visit(one)
    for (const item of parseQuerySetRepr(v.v) ?? []) visit(item)
  }
  return out
}

/** The row a model repr names: by its pk, or by its `__str__` label among rows the trace holds. */
function instanceKey(
  r: ModelRepr,
  known: Map<string, RawRow>,
  g: GenCore,
): {key: string; pk: PyValue} | undefined {
  const model = g.index.byClassName(r.className)
  if (!model) return undefined
  if (r.pk !== undefined) {
    const pk: PyValue = /^-?\d+$/.test(r.pk) ? {t: 'int', v: r.pk} : {t: 'str', v: r.pk}
    return {key: rowKey(g.index, model.table, pk, g.cell), pk}
  }
  const strColumn = model.fields.find(f => f.name === model.strField)?.column
  if (strColumn === undefined) return undefined
  const pkColumn = g.index.pkColumn(model.table)
  const matches: {key: string; pk: PyValue}[] = []
  for (const [key, cols] of known) {
    const v = cols.get(strColumn)
    const pk = cols.get(pkColumn)
    if (key.startsWith(model.table + '\u0000') && v?.t === 'str' && v.v === r.label && pk) {
      matches.push({key, pk})
    }
  }
  return matches.length === 1 ? matches[0] : undefined
}

/** The call of the frame's function with rebuilt arguments, or the arguments that cannot be rebuilt. */
export function frameCall(
  t: FrameTarget,
  plan: ArrangePlan,
  known: Map<string, RawRow>,
  g: GenCore,
  requestArg?: RequestArg,
): {call: Expr; setup: Stmt[]} | {unbuildable: string[]} {
  const rebuilt = new Map<string, Expr>()
  const bad: string[] = []
  const setup: Stmt[] = []
  const isMethod = t.path.length > 1
  for (const [name, value] of t.args) {
    if (isMethod && name === 'cls') continue
    const request = value.t === 'repr' ? requestArg?.(value.v) : undefined
    if (request) {
      setup.push(...request.setup)
      rebuilt.set(name, request.expr)
      continue
    }
    const e = argumentExpr(value, plan, known, g)
    if (e) rebuilt.set(name, e)
    else bad.push(`${name} = ${flatValue(value)}`)
  }
  if (bad.length > 0) return {unbuildable: bad}
  const [first] = t.args
  let callee: string
  let skip: string | undefined
  const [head, ...tail] = t.path
  const imported = g.imports.from(t.module, head!)
  if (tail.length > 0 && first && (first[0] === 'self' || first[0] === 'cls')) {
    callee =
      first[0] === 'self'
        ? `${flat(rebuilt.get('self')!)}.${tail.join('.')}`
        : `${imported}.${tail.join('.')}`
    skip = first[0]
  } else {
    callee = [imported, ...tail].join('.')
  }
  const args: Expr[] = []
  const kwargs: [string, Expr][] = []
  const params = t.params ?? t.args.map(([name]) => ({name, kind: 'normal' as const}))
  for (const p of params) {
    if (p.name === skip) continue
    const e = rebuilt.get(p.name)
    if (!e) continue
    if (p.kind === 'positional-only') args.push(e)
    else if (p.kind === 'var-positional') args.push(atom(`*${flat(e)}`))
    else if (p.kind === 'var-keyword') kwargs.push(['**', e])
    else kwargs.push([p.name, e])
  }
  if (!t.params) {
    g.report.skip(
      'the function signature',
      'its source was not available: every argument is passed by keyword',
    )
  }
  return {call: call(callee, args, kwargs), setup}
}

/** Rebuilds a request argument (`<WSGIRequest: GET '/x/'>`) with Django's RequestFactory. */
export type RequestArg = (repr: string) => {setup: Stmt[]; expr: Expr} | undefined

function flatValue(v: PyValue): string {
  const text = v.t === 'repr' ? v.v : JSON.stringify(v).slice(0, 60)
  return text.length > 80 ? text.slice(0, 79) + '…' : text
}

/** One argument as Python: a literal, an arranged instance, a queryset over arranged rows. */
function argumentExpr(
  v: PyValue,
  plan: ArrangePlan,
  known: Map<string, RawRow>,
  g: GenCore,
): Expr | undefined {
  const lit = literal(v, g.imports)
  if (lit) return lit
  if (v.t === 'list' || v.t === 'tuple') {
    const items = v.items.map(i => argumentExpr(i, plan, known, g))
    return v.cut === undefined && items.every(Boolean) ? seq(v.t, items as Expr[]) : undefined
  }
  if (v.t !== 'repr') return undefined
  const instance = parseModelRepr(v.v)
  if (instance) return instanceExpr(instance, plan, known, g)
  const items = parseQuerySetRepr(v.v)
  if (items) {
    const model = items[0] && g.index.byClassName(items[0].className)
    if (!model) return undefined
    const pks = items.map(i => instanceExpr(i, plan, known, g))
    if (!pks.every(Boolean)) return undefined
    g.report.skip(
      'a QuerySet argument',
      'rebuilt as a filter on the primary keys it held (its ordering is not kept)',
    )
    const list = seq(
      'list',
      pks.map(p => atom(`${flat(p!)}.pk`)),
    )
    return call(`${g.names.ref(model.table)}.objects.filter`, [], [['pk__in', list]])
  }
  const dotted = parseUnevaluatedQuerySet(v.v)
  const model = dotted === undefined ? undefined : g.index.byDottedPath(dotted)
  if (model) {
    g.report.skip(
      'an unevaluated QuerySet argument',
      `rebuilt as ${model.className}.objects.all() over the arranged rows`,
    )
    return call(`${g.names.ref(model.table)}.objects.all`)
  }
  return undefined
}

function instanceExpr(
  r: ModelRepr,
  plan: ArrangePlan,
  known: Map<string, RawRow>,
  g: GenCore,
): Expr | undefined {
  const key = instanceKey(r, known, g)
  const row = key && plan.byKey.get(key.key)
  return row ? atom(row.variable) : undefined
}

/** Asserts on what the function returned (or the reason it cannot be compared). */
export function returnAsserts(
  d: FrameDetails,
  plan: ArrangePlan,
  known: Map<string, RawRow>,
  newPks: Map<string, {expr: Expr}>,
  g: GenCore,
): Stmt[] {
  const result = atom('result')
  const v = d.returnValue
  if (!v) {
    g.report.skip('the return value', 'not recorded')
    return []
  }
  if (v.t === 'none') {
    g.report.assert('return', 'returns None')
    return [g.style.isNone(result)]
  }
  const lit = literal(v, g.imports)
  if (lit) {
    g.report.assert('return', `returns ${flat(lit).slice(0, 80)}`)
    return [g.style.equal(result, lit)]
  }
  if (v.t === 'repr') {
    const instance = parseModelRepr(v.v)
    if (instance?.pk !== undefined) {
      const created = newPks.get(valueKey({t: 'int', v: instance.pk}))
      const arranged = instanceExpr(instance, plan, known, g)
      if (created || arranged) {
        g.report.assert('return', `returns ${v.v}`)
        return [
          g.style.equal(atom('result.pk'), created ? created.expr : atom(`${flat(arranged!)}.pk`)),
        ]
      }
    }
    const response = parseResponseRepr(v.v)
    if (response) {
      g.report.assert('return', `returns a ${response.className} with status ${response.status}`)
      return [g.style.equal(atom('result.status_code'), atom(String(response.status)))]
    }
    if (!hasAddress(v.v)) {
      g.report.assert('return', `returns ${v.v}`)
      return [g.style.equal(call('repr', [result]), atom(pyStr(v.v)))]
    }
  }
  g.report.skip(
    'the return value',
    'it cannot be rebuilt or compared (a repr with a memory address, or cut short)',
  )
  return []
}
