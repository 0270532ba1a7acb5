// Rows as test generation knows them: read by the trace, written by it, needed by the test.
import type {PyValue} from '../values/py-value'
import {rebuildCell} from './cell-values'
import type {CellContext} from './cell-values'
import {valueKey} from './py-literal'
import type {SchemaIndex} from './schema'

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

/** A row the test must create, with what is known of it. */
export interface NeededRow {
  table: string
  pk: PyValue
  cols: RawRow
  /** Where it comes from, for the report ("SELECT #4", "inferred from the page's <select>"). */
  from: string
  /** Its `__str__` text when that is all the trace says (a repr, an `<option>`). */
  label?: string
  /** No primary key is known: let the database pick one. */
  autoPk?: boolean
}

/** The key of a row: its table and its primary key as the pk field rebuilds it. */
export function rowKey(index: SchemaIndex, table: string, pk: PyValue, ctx: CellContext): string {
  return `${table}\u0000${valueKey(rebuildCell(pk, index.pk(table), ctx))}`
}

/** The table of a row key. */
export const tableOfKey = (key: string): string => key.slice(0, key.indexOf('\u0000'))

/** What the arrange step needs besides the rows. */
export interface ArrangeInput {
  needed: Map<string, NeededRow>
  known: Map<string, RawRow>
  /** Rows the target inserted: never arranged, never pointed at by arranged rows. */
  newKeys: ReadonlySet<string>
  /** Rows that written foreign keys point at: they must exist. */
  writeRefs: {table: string; pk: PyValue}[]
  /** `table.column` auto_now values to keep (the target orders or filters by them). */
  keepTimes: ReadonlySet<string>
  /** ISO datetime for placeholder dates and times (the trace's start). */
  placeholderTime: string
}
