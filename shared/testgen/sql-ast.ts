/** The parts of an SQL statement test generation reads (sql-parse builds them). */

/** A column as a query names it: `"alias"."column"` or a bare `"column"`. */
export interface ColumnRef {
  alias?: string
  column: string
}

/** Where a written value comes from: a parameter, an SQL literal, the column default, or an expression. */
export type ValueSlot =
  | {kind: 'param'; index: number}
  | {kind: 'literal'; value: string | number | null | boolean}
  | {kind: 'default'}
  | {kind: 'expr'; text: string}

/** A top-level `column = value` or `column IN (values)` condition of a WHERE clause. */
export interface Condition {
  ref: ColumnRef
  values: ValueSlot[]
}

/** One item of a SELECT list. */
export interface SelectItem {
  /** Set when the item is a plain column reference. */
  ref?: ColumnRef
  /** An aggregate (COUNT, SUM, …) or other expression. */
  aggregate: boolean
}

/** A table in FROM or JOIN, with the alias the query uses for it (the table name when none). */
export interface TableRef {
  table: string
  alias: string
}

/** The statements test generation needs, parsed as far as it needs them. */
export type SqlStatement =
  | {
      type: 'select'
      items: SelectItem[]
      from: TableRef[]
      where: Condition[]
      /** WHERE holds conditions other than top-level equalities (filters, ORs, subqueries). */
      whereIsComplex: boolean
      hasWhere: boolean
      /** FROM is a subquery or something else the parser does not follow. */
      opaqueFrom: boolean
    }
  | {type: 'insert'; table: string; columns: string[]; rows: ValueSlot[][]; returning: string[]}
  | {
      type: 'update'
      table: string
      sets: {column: string; value: ValueSlot}[]
      where: Condition[]
      whereIsComplex: boolean
    }
  | {type: 'delete'; table: string; where: Condition[]; whereIsComplex: boolean}
  | {type: 'other'; keyword: string}
