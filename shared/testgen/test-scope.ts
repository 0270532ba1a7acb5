import type {
  FrameDetails,
  NodeDetails,
  OutboundDetails,
  RequestDetails,
} from '../model/node-details'
import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'
import type {PyValue} from '../values/py-value'
import type {ArrangePlan} from './arrange-plan'
import {planArrange} from './arrange-plan'
import type {ClockPlan} from './clock'
import {planClock} from './clock'
import type {GenCore} from './gen-context'
import type {HttpMocks} from './http-mocks'
import {httpMocks} from './http-mocks'
import {literal} from './py-literal'
import {atom, call, flat, pyStr} from './py-expr'
import type {Stmt} from './py-statements'
import {exprStmt} from './py-statements'
import type {HelperName} from './python-helpers'
import type {Replay, SqlNode} from './row-replay'
import {replaySql} from './row-replay'
import type {WriteAsserts} from './write-asserts'
import {writeAsserts} from './write-asserts'
import {rowKey} from './rows'
import type {NeededRow} from './rows'

/** The trace around one target: its subtree, its SQL replayed, its details. */
export class TestScope {
  readonly end: number
  readonly replay: Replay

  constructor(
    readonly model: TraceModel,
    readonly details: ReadonlyMap<number, NodeDetails>,
    readonly target: number,
    readonly g: GenCore,
  ) {
    this.end = target + (model.size[target] ?? 1)
    const sql: SqlNode[] = []
    for (let i = 0; i < model.nodeCount; i++) {
      if (model.kind[i] !== NodeKind.sql) continue
      const d = details.get(i)
      if (d?.kind !== 'sql') continue
      const place = i < target ? 'before' : i < this.end ? 'inside' : 'after'
      sql.push({nodeId: i, details: d, place})
    }
    this.replay = replaySql(sql, g.index, g.cell)
  }

  /** Details of the nodes of `kind` inside the target, in order. */
  inside<K extends NodeDetails['kind']>(kind: K): Extract<NodeDetails, {kind: K}>[] {
    const out: Extract<NodeDetails, {kind: K}>[] = []
    for (let i = this.target; i < this.end; i++) {
      const d = this.details.get(i)
      if (d?.kind === kind) out.push(d as Extract<NodeDetails, {kind: K}>)
    }
    return out
  }

  /** The request the target runs in, when it is inside one. */
  outerRequest(): RequestDetails | undefined {
    for (let p = this.model.parent[this.target] ?? -1; p >= 0; p = this.model.parent[p] ?? -1) {
      const d = this.details.get(p)
      if (d?.kind === 'request') return d
    }
    return undefined
  }

  /** The target's time window in epoch ms. */
  windowMs(): [number, number] {
    const start = this.model.meta.startedAtMs
    return [
      start + (this.model.startNs[this.target] ?? 0) / 1e6,
      start + (this.model.endNs[this.target] ?? 0) / 1e6,
    ]
  }

  /** Rows the target inserted (their keys). */
  newKeys(): Set<string> {
    const out = new Set<string>()
    for (const w of this.replay.writes) if (w.kind === 'insert' && w.key) out.add(w.key)
    return out
  }

  /** Rows that written foreign keys point at, other than rows the target created. */
  writeRefs(): {table: string; pk: PyValue}[] {
    const out: {table: string; pk: PyValue}[] = []
    const created = this.newKeys()
    for (const w of this.replay.writes) {
      if (w.kind === 'delete') continue
      for (const [column, v] of w.values) {
        const f = this.g.index.field(w.table, column)
        if (f?.kind !== 'fk' || !f.relatedTable || v.t === 'none') continue
        if (!created.has(rowKey(this.g.index, f.relatedTable, v, this.g.cell))) {
          out.push({table: f.relatedTable, pk: v})
        }
      }
    }
    return out
  }

  /** auto_now columns the target's queries order or filter by: their arranged values are kept. */
  keepTimes(): Set<string> {
    const out = new Set<string>()
    for (const m of this.g.index.schema.models) {
      for (const f of m.fields) {
        if (!f.autoNow && !f.autoNowAdd) continue
        const ref = `"${m.table}"."${f.column}"`
        for (const d of this.inside('sql')) {
          const sql = d.template ?? d.query
          const at = Math.min(
            ...[' WHERE ', ' ORDER BY '].map(k => sql.indexOf(k)).filter(i => i >= 0),
          )
          if (Number.isFinite(at) && sql.indexOf(ref, at) >= 0) out.add(`${m.table}.${f.column}`)
        }
      }
    }
    return out
  }

  /** Arranges the needed rows (plus `extra`), plans the clock, mocks and write asserts. */
  build(extra: NeededRow[]): {
    plan: ArrangePlan
    clock: ClockPlan
    mocks?: HttpMocks
    writes: WriteAsserts
    helpers: Set<HelperName>
  } {
    const needed = new Map(this.replay.needed)
    for (const row of extra) {
      const key = row.autoPk
        ? `${row.table}\u0000label:${row.label}`
        : rowKey(this.g.index, row.table, row.pk, this.g.cell)
      const had = needed.get(key)
      if (had) {
        had.label ??= row.label
        for (const [c, v] of row.cols) if (!had.cols.has(c)) had.cols.set(c, v)
      } else {
        needed.set(key, row)
      }
    }
    const start = this.windowMs()[0]
    const plan = planArrange(
      {
        needed,
        known: this.replay.known,
        newKeys: this.newKeys(),
        writeRefs: this.writeRefs(),
        keepTimes: this.keepTimes(),
        placeholderTime: new Date(start).toISOString().slice(0, 19),
      },
      this.g,
    )
    const clock = planClock(this.replay.writes, this.windowMs(), this.g)
    const mocks = httpMocks(this.outboundCalls(), this.g)
    const writes = writeAsserts(this.replay.writes, this.replay.observedAfter, plan, clock, this.g)
    const helpers = new Set<HelperName>(mocks?.helpers)
    // Rows created with explicit ids leave PostgreSQL's sequences behind: the target's own
    // inserts into those tables would collide. (A no-op on SQLite and MySQL.)
    const inserted = new Set(this.replay.writes.filter(w => w.kind === 'insert').map(w => w.table))
    const clash = [...new Set(plan.rows.map(r => r.table))].filter(t => inserted.has(t))
    if (clash.length > 0) {
      helpers.add('reset_sequences')
      plan.stmts.push(
        exprStmt(
          call(
            'reset_sequences',
            clash.map(t => atom(this.g.names.ref(t))),
          ),
        ),
      )
    }
    return {plan, clock, mocks, writes, helpers}
  }

  private outboundCalls(): {details: OutboundDetails; caller?: FrameDetails}[] {
    return this.inside('outbound').map(d => {
      const callerId = d.callSite?.nodeId
      const caller = callerId === undefined ? undefined : this.details.get(callerId)
      return {details: d, caller: caller?.kind === 'frame' ? caller : undefined}
    })
  }
}

/** The act wrapped in the clock freeze and the HTTP patches, setup first. */
export function wrapAct(
  act: Stmt[],
  clock: ClockPlan,
  mocks: HttpMocks | undefined,
  g: GenCore,
): Stmt[] {
  let body = act
  for (const patch of [...(mocks?.patches ?? [])].reverse()) {
    body = [{t: 'with', context: patch, body}]
  }
  if (clock.frozen) {
    const mock = g.imports.from('unittest', 'mock')
    const freeze = call(
      `${mock}.patch`,
      [atom(pyStr('django.utils.timezone.now'))],
      [['return_value', atom('NOW')]],
    )
    body = [{t: 'with', context: freeze, body}]
  }
  return [...(mocks?.setup ?? []), ...body]
}

/** `NOW = datetime(...)` when the clock is frozen. */
export function frozenConstant(clock: ClockPlan, g: GenCore): string | undefined {
  if (!clock.frozen) return undefined
  const lit = literal(clock.frozen, g.imports)
  if (!lit) return undefined
  g.report.frozenAt = clock.frozen.t === 'datetime' ? clock.frozen.v : undefined
  return `NOW = ${flat(lit)}`
}

/** The exception class and message of "module.Class: message" (a traceback's last line). */
export function exceptionOf(summary: string, g: GenCore): {ref: string; message?: string} {
  const line = summary.trim()
  const m = /^([A-Za-z_][\w.]*)(?::\s([\s\S]*))?$/.exec(line)
  const dotted = m?.[1] ?? 'Exception'
  let message = m?.[2]?.split('\n')[0]?.trim()
  const address = message === undefined ? -1 : message.search(/\bat 0x[0-9a-f]+/i)
  if (message !== undefined && address >= 0) message = message.slice(0, address).trim()
  if (message === '') message = undefined
  const dot = dotted.lastIndexOf('.')
  if (dot < 0) return {ref: dotted, message}
  const module = dotted.slice(0, dot)
  const name = dotted.slice(dot + 1)
  const stdlibTop = [
    'urllib',
    'http',
    'json',
    'decimal',
    'socket',
    'ssl',
    'os',
    'subprocess',
    'sqlite3',
    'email',
    'xml',
  ]
  if (stdlibTop.includes(module.split('.')[0]!)) {
    return {ref: `${g.imports.module(module)}.${name}`, message}
  }
  return {ref: g.imports.from(module, name), message}
}
