import type {SqlDetails} from '../model/node-details'
import type {NeededRow} from './arrange-plan'
import type {PyValue} from '../values/py-value'
import {rebuildCell} from './cell-values'
import type {CellContext} from './cell-values'
import {valueKey} from './py-literal'
import type {SchemaIndex} from './schema'
import {isSystemTable} from './schema'
import type {Condition, SqlStatement, ValueSlot} from './sql-parse'
import {parseSql} from './sql-parse'

/** One SQL node of the trace, in time order, with where it sits relative to the target. */
export interface SqlNode {
  nodeId: number
  details: SqlDetails
  /** before, inside or after the target's subtree. */
  place: 'before' | 'inside' | 'after'
}

/** A row as the driver returned it: raw column values by column name. */
export type RawRow = Map<string, PyValue>

/** A row the target wrote. Values are the parameters Django sent; `computed` ones are SQL expressions. */
export interface WriteOp {
  nodeId: number
  kind: 'insert' | 'update' | 'delete'
  table: string
  /** The row's key, when the write names one row by primary key. */
  key?: string
  pk?: PyValue
  values: RawRow
  computed: string[]
  /** Set when the statement writes rows by a filter, not by primary key. */
  bulk?: string
}

/** What replaying the trace's SQL found out about the database around the target. */
export interface Replay {
  /** Rows that existed when the target started and that it needs, with what is known of them. */
  needed: Map<string, NeededRow>
  /** Rows known from anywhere else in the trace (fallback values for inferred rows). */
  known: Map<string, RawRow>
  writes: WriteOp[]
  /** Rows the target wrote, then selected again: what the database said afterwards. */
  observedAfter: Map<string, RawRow>
  /** SELECTs recorded without rows (chunked fetches): the table and node. */
  chunked: {nodeId: number; table: string}[]
  /** The user row a session lookup led to (the request was logged in). */
  sessionUser?: string
  /** What was read but arranges nothing (COUNT, EXISTS, aggregates), and what was not understood. */
  notes: {nodeId: number; what: string; reason: string}[]
}

/** The key of a row: its table and its primary key as the pk field rebuilds it. */
export function rowKey(index: SchemaIndex, table: string, pk: PyValue, ctx: CellContext): string {
  return `${table}\u0000${valueKey(rebuildCell(pk, index.pk(table), ctx))}`
}

/** The table of a row key. */
export const tableOfKey = (key: string): string => key.slice(0, key.indexOf('\u0000'))

/**
 * Replays the trace's SQL around the target: which rows existed before it and which it needs
 * (SELECTed before it wrote them, updated or deleted by it), and what it wrote.
 *
 * Rows the target SELECTs after writing them are its own work, not fixtures. COUNT/EXISTS and
 * other aggregates arrange nothing by themselves; an EXISTS on a primary key that found a row
 * says that row existed.
 */
export function replaySql(nodes: readonly SqlNode[], index: SchemaIndex, ctx: CellContext): Replay {
  const r: Replay = {
    needed: new Map(),
    known: new Map(),
    writes: [],
    observedAfter: new Map(),
    chunked: [],
    notes: [],
  }
  const before = new Map<string, {cols: RawRow; exists: boolean}>()
  const written = new Set<string>()
  let sessionOpen = false
  for (const node of nodes) {
    const d = node.details
    const stmt = parseSql(d.template ?? d.query)
    const params = d.params?.t === 'tuple' || d.params?.t === 'list' ? d.params.items : []
    const key = (table: string, pk: PyValue): string => rowKey(index, table, pk, ctx)
    if (stmt.type === 'select') {
      const rows = selectedRows(stmt, d.data, index)
      if (rows === 'chunked') {
        if (node.place === 'inside') {
          for (const t of stmt.from) {
            if (!isSystemTable(t.table)) r.chunked.push({nodeId: node.nodeId, table: t.table})
          }
        }
        continue
      }
      if (node.place === 'inside' && isCut(d.data)) {
        r.notes.push({
          nodeId: node.nodeId,
          what: `rows of ${stmt.from.map(t => t.table).join(', ')}`,
          reason:
            'the trace details hold only the first rows of this result: the rest are not arranged',
        })
      }
      if (node.place === 'inside' && stmt.from.some(t => t.table === 'django_session')) {
        // The session middleware's lookup: the next user row selected is the logged-in user.
        sessionOpen = rowTuples(d.data).length > 0
        continue
      }
      if (rows.length === 0 && node.place === 'inside') {
        existenceCheck(stmt, d.data, params, index, r, node.nodeId, written, key)
      }
      for (const {table, pk, cols} of rows) {
        if (isSystemTable(table)) continue
        const k = key(table, pk)
        merge(r.known, k, cols)
        if (node.place === 'before') {
          before.set(k, {cols: mergedCols(before.get(k)?.cols, cols), exists: true})
        } else if (node.place === 'inside') {
          if (sessionOpen && index.model(table)?.isUser) {
            r.sessionUser = k
            sessionOpen = false
          }
          if (written.has(k)) merge(r.observedAfter, k, cols)
          else {
            need(r, k, table, pk, mergedCols(before.get(k)?.cols, cols), `SELECT #${node.nodeId}`)
          }
        }
      }
      continue
    }
    if (stmt.type === 'other') continue
    if (isSystemTable(stmt.table)) continue
    const ops = writeOps(stmt, params, d.data, node.nodeId, index, key)
    for (const op of ops) {
      if (node.place === 'before') {
        applyBefore(before, op)
        if (op.key && op.kind !== 'delete') merge(r.known, op.key, op.values)
        continue
      }
      if (node.place !== 'inside') continue
      if (stmt.table === 'django_session') continue
      if (op.key && op.kind !== 'insert' && !written.has(op.key) && affectedRows(d.data) !== 0) {
        const prior = before.get(op.key)
        if (prior?.exists !== false) {
          need(
            r,
            op.key,
            op.table,
            op.pk!,
            prior?.cols ?? new Map<string, PyValue>(),
            `${op.kind.toUpperCase()} #${node.nodeId}`,
          )
        }
      }
      if (op.key) written.add(op.key)
      r.writes.push(op)
    }
  }
  return r
}

function need(
  r: Replay,
  key: string,
  table: string,
  pk: PyValue,
  cols: RawRow,
  from: string,
): void {
  const had = r.needed.get(key)
  if (!had) {
    r.needed.set(key, {table, pk, cols: new Map(cols), from})
    return
  }
  for (const [c, v] of cols) if (!had.cols.has(c)) had.cols.set(c, v)
}

function merge(into: Map<string, RawRow>, key: string, cols: RawRow): void {
  const had = into.get(key)
  into.set(key, mergedCols(had, cols))
}

function mergedCols(a: RawRow | undefined, b: RawRow): RawRow {
  const out = new Map(a)
  for (const [c, v] of b) out.set(c, v)
  return out
}

/** The number of rows an UPDATE/DELETE reported (Kolo records the cursor's rowcount), if known. */
function affectedRows(data: PyValue | undefined): number | undefined {
  return data?.t === 'int' ? Number(data.v) : undefined
}

function applyBefore(before: Map<string, {cols: RawRow; exists: boolean}>, op: WriteOp): void {
  if (!op.key) return
  if (op.kind === 'delete') before.set(op.key, {cols: new Map(), exists: false})
  else before.set(op.key, {cols: mergedCols(before.get(op.key)?.cols, op.values), exists: true})
}

/** Rows of a SELECT split per table (select_related joins hold several), or 'chunked'. */
function selectedRows(
  stmt: Extract<SqlStatement, {type: 'select'}>,
  data: PyValue | undefined,
  index: SchemaIndex,
): {table: string; pk: PyValue; cols: RawRow}[] | 'chunked' {
  if (data?.t === 'repr') return 'chunked'
  const tuples = rowTuples(data)
  if (tuples.length === 0 || stmt.opaqueFrom) return []
  const aliases = new Map(stmt.from.map(t => [t.alias, t.table]))
  const single = stmt.from.length === 1 ? stmt.from[0]!.table : undefined
  const groups = new Map<string, {column: string; at: number}[]>()
  stmt.items.forEach((item, at) => {
    if (!item.ref) return
    const table = item.ref.alias === undefined ? single : aliases.get(item.ref.alias)
    if (table === undefined) return
    const alias = item.ref.alias ?? table
    const group = groups.get(alias) ?? []
    group.push({column: item.ref.column, at})
    groups.set(alias, group)
  })
  const out: {table: string; pk: PyValue; cols: RawRow}[] = []
  for (const [alias, columns] of groups) {
    const table = aliases.get(alias) ?? single!
    const pkColumn = index.pkColumn(table)
    const pkAt = columns.find(c => c.column === pkColumn)?.at
    if (pkAt === undefined) continue
    for (const tuple of tuples) {
      const pk = tuple[pkAt]
      if (!pk || pk.t === 'none') continue // a LEFT OUTER JOIN that matched nothing
      const cols: RawRow = new Map()
      for (const c of columns) {
        const v = tuple[c.at]
        if (v) cols.set(c.column, v)
      }
      out.push({table, pk, cols})
    }
  }
  return out
}

/** Whether a result was shortened on its way here (too many rows for the details). */
function isCut(data: PyValue | undefined): boolean {
  if (data?.t !== 'list') return false
  return data.cut !== undefined || data.items.some(i => i.t === 'list' && i.cut !== undefined)
}

/** query_data as row tuples: `[[(…), …]]` chunks, a plain list of tuples, or one tuple. */
export function rowTuples(data: PyValue | undefined): PyValue[][] {
  if (!data) return []
  if (data.t === 'tuple') return [data.items]
  if (data.t !== 'list') return []
  const rows: PyValue[][] = []
  for (const item of data.items) {
    if (item.t === 'list') {
      for (const row of item.items) {
        rows.push(row.t === 'tuple' || row.t === 'list' ? row.items : [row])
      }
    } else if (item.t === 'tuple') rows.push(item.items)
  }
  return rows
}

function existenceCheck(
  stmt: Extract<SqlStatement, {type: 'select'}>,
  data: PyValue | undefined,
  params: PyValue[],
  index: SchemaIndex,
  r: Replay,
  nodeId: number,
  written: Set<string>,
  key: (table: string, pk: PyValue) => string,
): void {
  const found = rowTuples(data).length > 0
  const aggregate = stmt.items.length > 0 && stmt.items.every(i => !i.ref)
  if (!aggregate) return
  const table = stmt.from[0]?.table
  if (table === undefined || isSystemTable(table)) return
  const pkCondition =
    stmt.from.length === 1 && !stmt.whereIsComplex
      ? pkValues(stmt.where, table, index, params)
      : undefined
  if (found && pkCondition?.length === 1) {
    const k = key(table, pkCondition[0]!)
    if (!written.has(k)) need(r, k, table, pkCondition[0]!, new Map(), `EXISTS #${nodeId}`)
    return
  }
  r.notes.push({
    nodeId,
    what: `aggregate on ${table}`,
    reason: 'COUNT/EXISTS/aggregates arrange nothing by themselves',
  })
}

/** The primary-key values a WHERE names (`pk = %s` or `pk IN (…)`), or undefined. */
function pkValues(
  where: Condition[],
  table: string,
  index: SchemaIndex,
  params: PyValue[],
): PyValue[] | undefined {
  const pkColumn = index.pkColumn(table)
  const c = where.find(
    w => w.ref.column === pkColumn && (w.ref.alias === undefined || w.ref.alias === table),
  )
  if (!c || where.length !== 1) return undefined
  const values = c.values.map(v => slotValue(v, params))
  return values.every(v => v !== undefined) ? values : undefined
}

/** The value a slot wrote: a parameter, a literal; undefined for DEFAULT and expressions. */
export function slotValue(slot: ValueSlot, params: PyValue[]): PyValue | undefined {
  switch (slot.kind) {
    case 'param':
      return params[slot.index]
    case 'literal': {
      const v = slot.value
      if (v === null) return {t: 'none'}
      if (typeof v === 'boolean') return {t: 'bool', v}
      if (typeof v === 'number') {
        return Number.isInteger(v) ? {t: 'int', v: String(v)} : {t: 'float', v}
      }
      return {t: 'str', v}
    }
    default:
      return undefined
  }
}

function writeOps(
  stmt: Exclude<SqlStatement, {type: 'select' | 'other'}>,
  params: PyValue[],
  data: PyValue | undefined,
  nodeId: number,
  index: SchemaIndex,
  key: (table: string, pk: PyValue) => string,
): WriteOp[] {
  const table = stmt.table
  const pkColumn = index.pkColumn(table)
  if (stmt.type === 'insert') {
    const returned = rowTuples(data)
    return stmt.rows.map((slots, i) => {
      const values: RawRow = new Map()
      const computed: string[] = []
      stmt.columns.forEach((column, c) => {
        const slot = slots[c]
        const v = slot && slotValue(slot, params)
        if (v) values.set(column, v)
        else if (slot?.kind === 'expr') computed.push(column)
      })
      const pk = values.get(pkColumn) ?? returned[i]?.[0]
      return {
        nodeId,
        kind: 'insert',
        table,
        values,
        computed,
        pk,
        key: pk && pk.t !== 'none' ? key(table, pk) : undefined,
      }
    })
  }
  const values: RawRow = new Map()
  const computed: string[] = []
  if (stmt.type === 'update') {
    for (const set of stmt.sets) {
      const v = slotValue(set.value, params)
      if (v) values.set(set.column, v)
      else computed.push(set.column)
    }
  }
  const pks = stmt.whereIsComplex ? undefined : pkValues(stmt.where, table, index, params)
  if (!pks) {
    return [
      {
        nodeId,
        kind: stmt.type,
        table,
        values,
        computed,
        bulk: `${stmt.type.toUpperCase()} on ${table} by a filter`,
      },
    ]
  }
  return pks.map(pk => ({
    nodeId,
    kind: stmt.type,
    table,
    pk,
    key: key(table, pk),
    values: new Map(values),
    computed,
  }))
}
