import type {PyValue} from '../values/py-value'
import {rebuildCell} from './cell-values'
import type {GenCore} from './gen-context'
import {snake} from './model-names'
import type {Expr} from './py-expr'
import {atom, call, flat, isIdentifier} from './py-expr'
import type {PyLit} from './py-literal'
import {literal} from './py-literal'
import type {Stmt} from './py-statements'
import {assign, exprStmt} from './py-statements'
import {closeOverForeignKeys, foreignKeyOrder} from './arrange-order'
import {isNoise, placeholderFor} from './field-noise'
import type {FieldSchema} from './schema'
import {rowKey} from './rows'
import type {ArrangeInput, NeededRow} from './rows'

/** A row the test creates, in creation order. */
export interface ArrangedRow {
  key: string
  table: string
  variable: string
  /** Column values as rebuilt (placeholders included), for asserts and text checks. */
  values: Map<string, PyLit>
  /** Columns whose value came from the trace (not placeholders). */
  recorded: Set<string>
}

/** The arranged rows and the statements that create them. */
export interface ArrangePlan {
  rows: ArrangedRow[]
  byKey: Map<string, ArrangedRow>
  stmts: Stmt[]
}

/**
 * Plans the creates: the needed rows plus the rows their foreign keys point at, in foreign-key
 * order, primary keys kept, noise dropped, placeholders for required columns the trace lacks.
 */
export function planArrange(input: ArrangeInput, g: GenCore): ArrangePlan {
  const rows = closeOverForeignKeys(input, g)
  const order = foreignKeyOrder(rows, g)
  const plan: ArrangePlan = {rows: [], byKey: new Map(), stmts: []}
  const timeUpdates: Stmt[] = []
  for (const [key, row] of order) {
    const model = g.index.model(row.table)
    const ref = g.names.ref(row.table)
    const values = new Map<string, PyLit>()
    const recorded = new Set<string>()
    for (const [column, raw] of row.cols) {
      values.set(column, rebuildCell(raw, g.index.field(row.table, column), g.cell))
      recorded.add(column)
    }
    const placeholders: string[] = []
    if (model) {
      applyLabel(row, values, recorded, g)
      for (const f of model.fields) {
        if (values.has(f.column) || f.primaryKey || f.kind === 'fk') continue
        if (f.null || f.default || f.autoNow || f.autoNowAdd) continue
        // Django stores '' in a text field without a default: not a placeholder.
        if (f.kind === 'str' && !f.unique) continue
        const p = placeholderFor(f, row, input.placeholderTime, g.cell)
        if (p) {
          values.set(f.column, p)
          placeholders.push(f.column)
        } else {
          g.report.skip(
            `${row.table}.${f.column} of row ${flatPk(row, g)}`,
            'required, not in the trace, and no placeholder fits its type',
          )
        }
      }
    }
    const variable = g.names.unique(variableFor(row, g))
    const kwargs: [string, Expr][] = []
    const pkColumn = g.index.pkColumn(row.table)
    for (const [column, value] of inFieldOrder(values, model?.fields)) {
      const field = g.index.field(row.table, column)
      if (column === pkColumn) {
        if (row.autoPk) continue
      } else if (field && isNoise(field, value) && !input.keepTimes.has(`${row.table}.${column}`)) {
        continue
      }
      if (field?.autoNow || field?.autoNowAdd) {
        const lit = literal(value, g.imports)
        if (lit) {
          const filter = `${ref}.objects.filter(pk=${variable}.pk).update`
          timeUpdates.push(exprStmt(call(filter, [], [[column, lit]])))
        }
        continue
      }
      const kwarg = fieldKwarg(field, column, value, plan.byKey, g)
      if (kwarg) kwargs.push(kwarg)
      else {
        g.report.skip(
          `${row.table}.${column} of row ${flatPk(row, g)}`,
          'its recorded value cannot be written as a Python literal',
        )
      }
    }
    plan.stmts.push(assign(variable, call(`${ref}.objects.create`, [], kwargs)))
    const arranged: ArrangedRow = {key, table: row.table, variable, values, recorded}
    plan.rows.push(arranged)
    plan.byKey.set(key, arranged)
    g.report.arranged.push({
      table: row.table,
      model: ref,
      variable,
      pk: row.autoPk ? '(database)' : flatPk(row, g),
      source: row.from,
      placeholders,
    })
  }
  if (timeUpdates.length > 0) plan.stmts.push(...timeUpdates)
  return plan
}

/** Values in the model's field order (the order a reader knows from models.py). */
function inFieldOrder(
  values: Map<string, PyLit>,
  fields: FieldSchema[] | undefined,
): [string, PyLit][] {
  const entries = [...values.entries()]
  if (!fields) return entries
  const at = (column: string): number => {
    const i = fields.findIndex(f => f.column === column)
    return i < 0 ? fields.length : i
  }
  return entries.sort((a, b) => at(a[0]) - at(b[0]))
}

function flatPk(row: NeededRow, g: GenCore): string {
  const lit = literal(rebuildCell(row.pk, g.index.pk(row.table), g.cell), g.imports)
  return lit ? flat(lit) : '?'
}

function variableFor(row: NeededRow, g: GenCore): string {
  const base = snake(g.names.className(row.table)) || 'row'
  if (row.autoPk) return base
  const pk = row.pk.t === 'int' ? row.pk.v : row.pk.t === 'str' ? snake(row.pk.v) : ''
  return pk !== '' && pk.length <= 12 && /^[a-z0-9_]+$/.test(pk) ? `${base}_${pk}` : base
}

/** `name=value`, or `author=author_1` for a foreign key to a row created earlier. */
function fieldKwarg(
  field: FieldSchema | undefined,
  column: string,
  value: PyLit,
  created: Map<string, ArrangedRow>,
  g: GenCore,
): [string, Expr] | undefined {
  if (field?.kind === 'fk' && field.relatedTable && value.t !== 'none') {
    const target = created.get(rowKey(g.index, field.relatedTable, value as PyValue, g.cell))
    if (target) return [field.name, atom(target.variable)]
  }
  const name = field ? (field.primaryKey ? field.name : field.attname) : column
  const lit = literal(value, g.imports)
  if (!lit) return undefined
  return isIdentifier(name) ? [name, lit] : ['**', atom(`{${JSON.stringify(name)}: ${flat(lit)}}`)]
}

function applyLabel(
  row: NeededRow,
  values: Map<string, PyLit>,
  recorded: Set<string>,
  g: GenCore,
): void {
  const model = g.index.model(row.table)
  if (row.label === undefined || !model?.strField) return
  const field = model.fields.find(f => f.name === model.strField)
  if (!field || values.has(field.column)) return
  values.set(field.column, {t: 'str', v: row.label})
  recorded.add(field.column)
}
