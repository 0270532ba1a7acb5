import type {PyValue} from '../values/py-value'
import type {ArrangePlan} from './arrange-plan'
import {rebuildCell} from './cell-values'
import type {ClockPlan} from './clock'
import type {GenCore} from './gen-context'
import {snake} from './model-names'
import type {Expr} from './py-expr'
import {atom, call, flat, seq, suffix} from './py-expr'
import {literal, valueKey} from './py-literal'
import type {Stmt} from './py-statements'
import {assign, exprStmt} from './py-statements'
import {rowKey} from './rows'
import type {RawRow, WriteOp} from './rows'

/** The final state of one row the target wrote (insert, update and delete merged). */
interface RowState {
  table: string
  key?: string
  isNew: boolean
  deleted: boolean
  values: RawRow
  computed: Set<string>
  explicitPk: boolean
  pk?: PyValue
}

/** Lookups of the rows the target created and the asserts on every row it wrote. */
export interface WriteAsserts {
  /** `new_book = Book.objects.exclude(pk__in=[…]).get()`: before the response asserts use them. */
  lookups: Stmt[]
  asserts: Stmt[]
  /** Recorded primary keys of new rows (as text) → the expression of the row's pk in the test. */
  newPks: Map<string, {expr: Expr; table: string}>
}

/**
 * Asserts the final state of each row the target wrote: an inserted row exists with its values
 * (found as the table's one row that was not arranged, as its recorded id may differ), an updated
 * row holds its new values (insert-then-update merged), a deleted row is gone.
 */
export function writeAsserts(
  writes: readonly WriteOp[],
  observedAfter: Map<string, RawRow>,
  plan: ArrangePlan,
  clock: ClockPlan,
  g: GenCore,
): WriteAsserts {
  const states = mergeWrites(writes, g)
  for (const s of states) {
    const seen = s.key === undefined ? undefined : observedAfter.get(s.key)
    if (seen && !s.deleted) for (const [c, v] of seen) if (!s.computed.has(c)) s.values.set(c, v)
  }
  const out: WriteAsserts = {lookups: [], asserts: [], newPks: new Map()}
  const rowVars = new Map<string, Expr>()
  for (const row of plan.rows) rowVars.set(row.key, atom(`${row.variable}.pk`))
  const byTable = new Map<string, RowState[]>()
  for (const s of states) {
    if (!s.isNew || s.deleted) continue
    const list = byTable.get(s.table) ?? []
    list.push(s)
    byTable.set(s.table, list)
  }
  const newVars = new Map<RowState, string>()
  for (const [table, list] of byTable) {
    const ref = g.names.ref(table)
    const arranged = plan.rows.filter(r => r.table === table).map(r => atom(`${r.variable}.pk`))
    // The rows the test did not arrange: the target's own (its recorded ids may differ here).
    const rows = (method: string, args: Expr[]): Expr =>
      arranged.length > 0
        ? suffix(
            call(`${ref}.objects.exclude`, [], [['pk__in', seq('list', arranged)]]),
            `.${flat(call(method, args))}`,
          )
        : call(`${ref}.objects.${method}`, args)
    const base = `new_${snake(g.names.className(table))}`
    const names = list.map((_, i) => g.names.unique(list.length === 1 ? base : `${base}_${i + 1}`))
    if (list.length === 1) out.lookups.push(assign(names[0]!, rows('get', [])))
    else out.lookups.push(assign(names.join(', '), rows('order_by', [atom('"pk"')])))
    list.forEach((s, i) => {
      newVars.set(s, names[i]!)
      const pk = s.values.get(g.index.pkColumn(table))
      if (pk) {
        out.newPks.set(valueKey(rebuildCell(pk, g.index.pk(table), g.cell)), {
          expr: atom(`${names[i]}.pk`),
          table,
        })
        if (s.key) rowVars.set(s.key, atom(`${names[i]}.pk`))
      }
    })
    g.report.assert('row', `${list.length} new ${table} row${list.length === 1 ? '' : 's'}`)
  }
  for (const s of states) {
    if (s.isNew && s.deleted) {
      g.report.skip(
        `a ${s.table} row created and deleted by the target`,
        'nothing of it remains to assert',
      )
      continue
    }
    if (s.deleted) {
      const ref = g.names.ref(s.table)
      const pk = s.values.get(g.index.pkColumn(s.table)) ?? s.pk
      const lit = pk && literal(rebuildCell(pk, g.index.pk(s.table), g.cell), g.imports)
      if (!lit) continue
      out.asserts.push(g.style.isFalse(atom(`${ref}.objects.filter(pk=${flat(lit)}).exists()`)))
      g.report.assert('row-deleted', `${s.table} pk=${flat(lit)} is deleted`)
      continue
    }
    const variable = s.isNew ? newVars.get(s) : existingRow(s, plan, out)
    if (!variable) continue
    columnAsserts(s, variable, rowVars, clock, out, g)
  }
  return out
}

/** The arranged row's variable, refreshed from the database. */
function existingRow(s: RowState, plan: ArrangePlan, out: WriteAsserts): string | undefined {
  const arranged = s.key === undefined ? undefined : plan.byKey.get(s.key)
  if (arranged) {
    out.asserts.push(exprStmt(atom(`${arranged.variable}.refresh_from_db()`)))
    return arranged.variable
  }
  return undefined
}

function columnAsserts(
  s: RowState,
  variable: string,
  rowVars: Map<string, Expr>,
  clock: ClockPlan,
  out: WriteAsserts,
  g: GenCore,
): void {
  const pkColumn = g.index.pkColumn(s.table)
  let count = 0
  for (const [column, raw] of s.values) {
    if (column === pkColumn && (!s.isNew || !s.explicitPk)) continue
    const field = g.index.field(s.table, column)
    const attribute = field ? (field.kind === 'fk' ? field.attname : field.name) : column
    const actual = atom(`${variable}.${attribute}`)
    if (s.computed.has(column)) continue
    const value = rebuildCell(raw, field, g.cell)
    let expected: Expr | undefined
    if (clock.frozenColumns.has(`${s.table}.${column}`) && clock.frozen) {
      expected = atom('NOW')
    } else if (field?.kind === 'datetime' && clock.isClockLike(value)) {
      g.report.skip(
        `${s.table}.${column}`,
        'set from the clock by something other than auto_now (a default, datetime.now()): not frozen, not asserted',
      )
      continue
    } else if (field?.kind === 'fk' && field.relatedTable && raw.t !== 'none') {
      expected =
        rowVars.get(rowKey(g.index, field.relatedTable, raw, g.cell)) ?? literal(value, g.imports)
    } else {
      expected = literal(value, g.imports)
    }
    if (!expected) {
      g.report.skip(
        `${s.table}.${column}`,
        'its written value cannot be written as a Python literal',
      )
      continue
    }
    out.asserts.push(
      expected.t === 'atom' && expected.text === 'None'
        ? g.style.isNone(actual)
        : g.style.equal(actual, expected),
    )
    count++
  }
  for (const c of s.computed) {
    g.report.skip(
      `${s.table}.${c}`,
      'written by an SQL expression (an F() or a function): its value is not in the trace',
    )
  }
  if (count > 0) g.report.assert('row', `${variable}: ${count} column${count === 1 ? '' : 's'}`)
}

/** Insert, update and delete of each row merged in trace order into its final state. */
function mergeWrites(writes: readonly WriteOp[], g: GenCore): RowState[] {
  const states: RowState[] = []
  const byKey = new Map<string, RowState>()
  for (const op of writes) {
    if (op.bulk !== undefined) {
      g.report.skip(
        op.bulk,
        'rows written by a filter, not by primary key: their final state is not asserted',
      )
      continue
    }
    const had = op.key === undefined ? undefined : byKey.get(op.key)
    if (op.kind === 'insert' || !had) {
      const state: RowState = {
        table: op.table,
        key: op.key,
        isNew: op.kind === 'insert',
        deleted: op.kind === 'delete',
        values: new Map(op.values),
        computed: new Set(op.computed),
        explicitPk: op.kind === 'insert' && op.values.has(g.index.pkColumn(op.table)),
        pk: op.pk,
      }
      if (op.pk && !state.values.has(g.index.pkColumn(op.table)) && op.kind === 'insert') {
        state.values.set(g.index.pkColumn(op.table), op.pk)
      }
      states.push(state)
      if (op.key) byKey.set(op.key, state)
      continue
    }
    if (op.kind === 'delete') {
      had.deleted = true
      continue
    }
    for (const [c, v] of op.values) {
      had.values.set(c, v)
      had.computed.delete(c)
    }
    for (const c of op.computed) had.computed.add(c)
  }
  return states
}

/** The `assertEqual(Model.objects.count(), n)` asserts of "nothing was written". */
export function unchangedCounts(
  tables: readonly string[],
  counts: Map<string, number>,
  g: GenCore,
): Stmt[] {
  return tables.map(table => {
    g.report.assert('count', `${table} still holds ${counts.get(table) ?? 0} rows`)
    return g.style.equal(
      call(`${g.names.ref(table)}.objects.count`),
      atom(String(counts.get(table) ?? 0)),
    )
  })
}
