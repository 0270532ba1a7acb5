import type {NodeDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import {eachRepr, parseModelRepr, parseQuerySetRepr} from './django-reprs'
import type {GenCore} from './gen-context'
import {selectOptions} from './html-text'
import type {SelectOption} from './html-text'
import {snake} from './model-names'
import {rowKey} from './rows'
import type {NeededRow, RawRow} from './rows'

/** Where rows of chunked fetches can be read back from. */
export interface InferenceSources {
  /** The HTML the target returned (its response content), if any. */
  html?: string
  /** The JSON the target returned, parsed, if any. */
  json?: PyValue
  /** Rows the trace holds values of (to learn which column `__str__` shows). */
  known?: ReadonlyMap<string, RawRow>
  /** Details of the frames and templates inside the target: their reprs name instances. */
  details: readonly NodeDetails[]
}

/**
 * Rows of tables whose SELECT was recorded without rows (a chunked fetch: `QuerySet.iterator()`,
 * every ModelChoiceField), read back from the rest of the trace: the options of a `<select>` whose
 * name is a foreign key to the table (value = primary key, label = `str(instance)`), and model
 * reprs in locals, arguments and template contexts (`<Author: Ada>`, `Book object (3)`).
 */
export function inferChunkedRows(
  tables: readonly string[],
  sources: InferenceSources,
  g: GenCore,
): NeededRow[] {
  const out: NeededRow[] = []
  const options =
    sources.html === undefined ? new Map<string, SelectOption[]>() : selectOptions(sources.html)
  const reprs = collectModelReprs(sources.details)
  for (const table of new Set(tables)) {
    const className = g.names.className(table)
    const byKey = new Map<string, NeededRow>()
    const pkColumn = g.index.pkColumn(table)
    const add = (pk: PyValue, label: string | undefined, from: string): void => {
      const key = rowKey(g.index, table, pk, g.cell)
      const had = byKey.get(key)
      if (had) {
        had.label ??= label
        return
      }
      byKey.set(key, {table, pk, cols: new Map([[pkColumn, pk]]), from, label})
    }
    for (const [name, list] of options) {
      const fk = g.index.fkNamed(name, table)
      if (!fk && name !== snake(className)) continue
      for (const o of list) {
        add(pkValue(o.value), o.label, `inferred from the response's <select name="${name}">`)
      }
    }
    for (const found of jsonRows(sources.json, table, g)) {
      add(found.pk, undefined, 'inferred from an object of the JSON response')
      const row = byKey.get(rowKey(g.index, table, found.pk, g.cell))!
      for (const [c, val] of found.cols) if (!row.cols.has(c)) row.cols.set(c, val)
    }
    const labels = new Set<string>()
    for (const r of reprs) {
      if (r.className !== className) continue
      if (r.pk !== undefined) {
        add(pkValue(r.pk), undefined, `inferred from a repr <${r.className}: ${r.label}>`)
      } else labels.add(r.label)
    }
    const column = labelColumn(table, byKey, sources.known, g)
    for (const row of byKey.values()) {
      if (column !== undefined && row.label !== undefined && !row.cols.has(column)) {
        row.cols.set(column, {t: 'str', v: row.label})
      }
    }
    const labelled = new Set([...byKey.values()].map(r => r.label))
    for (const label of labels) {
      if (labelled.has(label)) continue
      if (!g.index.model(table)?.strField) continue
      out.push({
        table,
        pk: {t: 'none'},
        cols: new Map(),
        from: `inferred from a repr <${className}: ${label}> (primary key unknown)`,
        label,
        autoPk: true,
      })
    }
    if (byKey.size === 0 && labels.size === 0) {
      g.report.skip(
        `the rows of ${table}`,
        'fetched in chunks (recorded without rows) and nothing else in the trace names them',
      )
    }
    out.push(...byKey.values())
  }
  return out
}

/**
 * Objects of a JSON response that look like rows of `table`: they hold its primary key's field
 * name and at least two (or all) of its other field names; their values become the row's.
 */
function jsonRows(
  json: PyValue | undefined,
  table: string,
  g: GenCore,
): {pk: PyValue; cols: Map<string, PyValue>}[] {
  const model = g.index.model(table)
  const pk = g.index.pk(table)
  if (!json || !model || !pk) return []
  const others = model.fields.filter(f => !f.primaryKey)
  const out: {pk: PyValue; cols: Map<string, PyValue>}[] = []
  const visit = (v: PyValue, depth: number): void => {
    if (depth > 8) return
    if (v.t === 'list') for (const item of v.items) visit(item, depth + 1)
    if (v.t !== 'dict') return
    const byName = new Map<string, PyValue>()
    for (const [k, val] of v.entries) if (k.t === 'str') byName.set(k.v, val)
    const id = byName.get(pk.name) ?? byName.get('pk')
    const cols = new Map<string, PyValue>()
    for (const f of others) {
      const val = byName.get(f.name) ?? byName.get(f.attname)
      if (val && val.t !== 'dict' && (f.kind === 'json' || val.t !== 'list')) {
        cols.set(f.column, val)
      }
    }
    if (id && (id.t === 'int' || id.t === 'str') && cols.size >= Math.min(2, others.length)) {
      cols.set(pk.column, id)
      out.push({pk: id, cols})
    }
    for (const [, val] of v.entries) visit(val, depth + 1)
  }
  visit(json, 0)
  return out
}

/**
 * The column `str(instance)` shows: the model's `__str__` field when the source says, else the
 * one column whose value equals the label in every labelled row the trace also selected.
 */
function labelColumn(
  table: string,
  rows: Map<string, NeededRow>,
  known: ReadonlyMap<string, RawRow> | undefined,
  g: GenCore,
): string | undefined {
  const model = g.index.model(table)
  const declared = model?.fields.find(f => f.name === model.strField)?.column
  if (declared !== undefined || !known) return declared
  let candidates: Set<string> | undefined
  for (const [key, row] of rows) {
    const cols = known.get(key)
    if (row.label === undefined || !cols) continue
    const matching = new Set<string>()
    for (const [c, v] of cols) if (v.t === 'str' && v.v === row.label) matching.add(c)
    candidates = candidates ? new Set([...candidates].filter(c => matching.has(c))) : matching
  }
  return candidates?.size === 1 ? [...candidates][0] : undefined
}

function pkValue(text: string): PyValue {
  return /^-?\d+$/.test(text) ? {t: 'int', v: text} : {t: 'str', v: text}
}

/** Every model repr in the frames' arguments, locals, return values and template contexts. */
export function collectModelReprs(
  details: readonly NodeDetails[],
): {className: string; label: string; pk?: string}[] {
  const out: {className: string; label: string; pk?: string}[] = []
  const seen = new Set<string>()
  const visit = (text: string): void => {
    if (seen.has(text)) return
    seen.add(text)
    const one = parseModelRepr(text)
    if (one) out.push(one)
    for (const item of parseQuerySetRepr(text) ?? []) out.push(item)
  }
  for (const d of details) {
    if (d.kind === 'frame') {
      eachRepr(d.args, visit)
      eachRepr(d.locals, visit)
      eachRepr(d.returnValue, visit)
    } else if (d.kind === 'template') {
      eachRepr(d.context, visit)
    }
  }
  return out
}
