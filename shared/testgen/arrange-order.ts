// The order and the closure of the rows a test arranges.
import type {PyValue} from '../values/py-value'
import type {GenCore} from './gen-context'
import {rowKey} from './rows'
import type {ArrangeInput, NeededRow} from './rows'

/** The needed rows plus every row a foreign key of theirs (or of a write) points at. */
export function closeOverForeignKeys(input: ArrangeInput, g: GenCore): Map<string, NeededRow> {
  const rows = new Map(input.needed)
  const queue = [...rows.values()]
  const want = (table: string, pk: PyValue, why: string): void => {
    const key = rowKey(g.index, table, pk, g.cell)
    if (rows.has(key) || input.newKeys.has(key)) return
    const known = input.known.get(key)
    const row: NeededRow = {
      table,
      pk,
      cols: new Map(known),
      from: known ? `${why} (values from elsewhere in the trace)` : `inferred: ${why}`,
    }
    row.cols.set(g.index.pkColumn(table), pk)
    rows.set(key, row)
    queue.push(row)
  }
  for (const ref of input.writeRefs) want(ref.table, ref.pk, `a written row points at it`)
  while (queue.length > 0) {
    const row = queue.shift()!
    const model = g.index.model(row.table)
    if (!model) continue
    for (const f of model.fields) {
      if (f.kind !== 'fk' || !f.relatedTable) continue
      const v = row.cols.get(f.column)
      if (v && v.t !== 'none') {
        want(
          f.relatedTable,
          v,
          `${row.table}.${f.column} = ${v.t === 'int' || v.t === 'str' ? v.v : '…'}`,
        )
      } else if (!v && !f.null && !f.default) {
        const pk = freePk(rows, f.relatedTable, g)
        row.cols.set(f.column, pk)
        want(f.relatedTable, pk, `${row.table}.${f.column} is required and was not selected`)
      }
    }
  }
  return rows
}

/** An arranged row of `table` to point at, or the smallest unused integer primary key. */
function freePk(rows: Map<string, NeededRow>, table: string, g: GenCore): PyValue {
  const used = new Set<string>()
  for (const r of rows.values()) {
    if (r.table !== table) continue
    if (r.pk.t === 'int') return r.pk
    used.add(rowKey(g.index, table, r.pk, g.cell))
  }
  for (let n = 1; ; n++) {
    const pk: PyValue = {t: 'int', v: String(n)}
    if (!used.has(rowKey(g.index, table, pk, g.cell))) return pk
  }
}

/**
 * Rows ordered so that a row comes after the rows its foreign keys point at: tables by their
 * foreign-key rank (authors before books before reviews), then rows by primary key; a row that
 * points at a row of its own table waits for it (cycles: as found, the constraint is deferred).
 */
export function foreignKeyOrder(rows: Map<string, NeededRow>, g: GenCore): [string, NeededRow][] {
  const entries = [...rows.entries()]
  const tables = [...new Set(entries.map(([, r]) => r.table))]
  const rank = new Map<string, number>()
  const visiting = new Set<string>()
  const rankOf = (table: string): number => {
    const known = rank.get(table)
    if (known !== undefined) return known
    if (visiting.has(table)) return 0
    visiting.add(table)
    let r = 0
    for (const f of g.index.model(table)?.fields ?? []) {
      if (
        f.kind === 'fk' &&
        f.relatedTable &&
        f.relatedTable !== table &&
        tables.includes(f.relatedTable)
      ) {
        r = Math.max(r, rankOf(f.relatedTable) + 1)
      }
    }
    visiting.delete(table)
    rank.set(table, r)
    return r
  }
  const firstSeen = new Map(tables.map((t, i) => [t, i]))
  entries.sort(
    ([, a], [, b]) =>
      rankOf(a.table) - rankOf(b.table) ||
      firstSeen.get(a.table)! - firstSeen.get(b.table)! ||
      comparePk(a.pk, b.pk),
  )
  const deps = new Map<string, string[]>()
  for (const [key, row] of entries) {
    const list: string[] = []
    for (const f of g.index.model(row.table)?.fields ?? []) {
      const v = f.kind === 'fk' && f.relatedTable ? row.cols.get(f.column) : undefined
      if (!v || v.t === 'none') continue
      const ref = rowKey(g.index, f.relatedTable!, v, g.cell)
      if (ref !== key && rows.has(ref)) list.push(ref)
    }
    deps.set(key, list)
  }
  const out: [string, NeededRow][] = []
  const done = new Set<string>()
  let pending = entries
  while (pending.length > 0) {
    const rest: [string, NeededRow][] = []
    for (const entry of pending) {
      if (deps.get(entry[0])!.every(d => done.has(d))) {
        out.push(entry)
        done.add(entry[0])
      } else {
        rest.push(entry)
      }
    }
    if (rest.length === pending.length) {
      // A cycle: place the first one anyway (Django's foreign keys are deferred to commit).
      out.push(rest[0]!)
      done.add(rest[0]![0])
      rest.shift()
    }
    pending = rest
  }
  return out
}

function comparePk(a: PyValue, b: PyValue): number {
  if (a.t === 'int' && b.t === 'int') {
    const d = BigInt(a.v) - BigInt(b.v)
    return d < 0n ? -1 : d > 0n ? 1 : 0
  }
  const ta = a.t === 'str' || a.t === 'int' ? a.v : ''
  const tb = b.t === 'str' || b.t === 'int' ? b.v : ''
  return ta < tb ? -1 : ta > tb ? 1 : 0
}
