// Rows and written values read from recorded SQL results and parameters.
import type {PyValue} from '../values/py-value'
import type {SchemaIndex} from './schema'
import type {Condition, SqlStatement, ValueSlot} from './sql-ast'
import type {RawRow, WriteOp} from './rows'

/** Rows of a SELECT split per table (select_related joins hold several), or 'chunked'. */
export function selectedRows(
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

/** Tables whose columns a SELECT lists without their primary key (`values()`, `only()` aside). */
export function unkeyedTables(
  stmt: Extract<SqlStatement, {type: 'select'}>,
  index: SchemaIndex,
): string[] {
  const out: string[] = []
  for (const t of stmt.from) {
    const refs = stmt.items.filter(i => i.ref && (i.ref.alias ?? t.alias) === t.alias)
    if (stmt.from.length > 1 && refs.some(i => i.ref!.alias === undefined)) continue
    if (refs.length > 0 && !refs.some(i => i.ref!.column === index.pkColumn(t.table))) {
      out.push(t.table)
    }
  }
  return out
}

/** Whether a result was shortened on its way here (too many rows for the details). */
export function isCut(data: PyValue | undefined): boolean {
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

/** The primary-key values a WHERE names (`pk = %s` or `pk IN (…)`), or undefined. */
export function pkValues(
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

/** The rows one INSERT, UPDATE or DELETE wrote, by primary key where the statement names it. */
export function writeOps(
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
