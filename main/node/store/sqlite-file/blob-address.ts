import type Database from 'better-sqlite3'
import type {BlobAddress} from './open-blob'

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

interface ColumnInfo {
  name: string
  hidden: number
}

/**
 * Where SQLite keeps `table.column` of the row whose `key` column is `id`: the table's root
 * page, the rowid, the column's place in the stored record and the blob's length. Undefined
 * when the value is not a blob, the row is missing, or the table is not a plain rowid table
 * (WITHOUT ROWID, generated columns): then it is read through SQLite.
 */
export function blobAddress(
  db: Database.Database,
  where: {table: string; column: string; key: string; id: string},
): BlobAddress | undefined {
  const {table, column, key, id} = where
  if (![table, column, key].every(name => identifier.test(name))) return undefined
  const root = db
    .prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .pluck()
    .get(table)
  if (typeof root !== 'number' || root < 1) return undefined
  const columns = db
    .prepare(`SELECT name, hidden FROM pragma_table_xinfo(?)`)
    .all(table) as ColumnInfo[]
  if (columns.some(c => c.hidden !== 0)) return undefined
  const position = columns.findIndex(c => c.name.toLowerCase() === column.toLowerCase())
  if (position < 0) return undefined
  let row: {rowid: unknown; length: unknown; type: unknown} | undefined
  try {
    row = db
      .prepare(
        `SELECT rowid AS rowid, octet_length(${column}) AS length, typeof(${column}) AS type ` +
          `FROM ${table} WHERE ${key} = ?`,
      )
      .get(id) as typeof row
  } catch {
    return undefined // a WITHOUT ROWID table has no rowid
  }
  if (!row || row.type !== 'blob') return undefined
  if (typeof row.rowid !== 'number' || typeof row.length !== 'number') return undefined
  return {root, rowid: row.rowid, column: position, length: row.length}
}
