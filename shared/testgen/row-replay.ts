import type {SqlDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import type {CellContext} from './cell-values'
import type {SchemaIndex} from './schema'
import {isSystemTable} from './schema'
import {parseSql} from './sql-parse'
import type {SqlStatement} from './sql-parse'
import {isCut, pkValues, rowTuples, selectedRows, unkeyedTables, writeOps} from './sql-rows'
import {rowKey} from './rows'
import type {NeededRow, RawRow, WriteOp} from './rows'

/** One SQL node of the trace, in time order, with where it sits relative to the target. */
export interface SqlNode {
  nodeId: number
  details: SqlDetails
  /** before, inside or after the target's subtree. */
  place: 'before' | 'inside' | 'after'
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
      if (node.place === 'inside' && rows !== 'chunked') {
        for (const table of unkeyedTables(stmt, index)) {
          if (rowTuples(d.data).length === 0) break
          r.notes.push({
            nodeId: node.nodeId,
            what: `rows of ${table}`,
            reason:
              'selected without their primary key (values()/only()): they cannot be arranged row by row',
          })
        }
      }
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
