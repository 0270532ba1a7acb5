import type Database from 'better-sqlite3'
import {ApiError} from '../../../shared/api/errors'
import {rowTimeMs} from './created-at'
import type {TraceRef} from './types'

/** What the database holds: which of Kolo's tables and columns exist (they vary by version). */
export interface DbSchema {
  traces?: {msgpack: boolean; data: boolean; autoName: boolean}
  invocations: boolean
}

/** Read which tables and columns exist; a database with only foreign tables is not a Kolo store. */
export function readSchema(db: Database.Database, file: string): DbSchema {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
    .pluck()
    .all() as string[]
  const schema: DbSchema = {invocations: tables.includes('invocations')}
  if (tables.includes('traces')) {
    const columns = new Set(
      (db.prepare(`SELECT name FROM pragma_table_info('traces')`).pluck().all() as string[]).map(
        c => c.toLowerCase(),
      ),
    )
    schema.traces = {
      msgpack: columns.has('msgpack'),
      data: columns.has('data'),
      autoName: columns.has('auto_generated_name'),
    }
  }
  if (!schema.traces && !schema.invocations && tables.some(t => !t.startsWith('sqlite_'))) {
    throw new ApiError('bad-store', `${file}: not a Kolo database (no traces or invocations table)`)
  }
  return schema
}

interface IndexRow {
  id: unknown
  createdAt: unknown
  msgpackLen: number | null
  dataLen: number | null
  autoName: unknown
  /** 0: traces, 1: invocations. */
  tbl: number
}

/**
 * Every row of `traces` and `invocations`, unsorted, without reading a body.
 *
 * `octet_length` of a blob or text column reads only the record header, not the value, so 5,000
 * multi-megabyte rows list in milliseconds. An id in both tables is listed once, from `traces`.
 */
export function readIndexRows(db: Database.Database, schema: DbSchema): TraceRef[] {
  const selects: string[] = []
  const t = schema.traces
  if (t) {
    const msgpackLen = t.msgpack ? 'octet_length(msgpack)' : 'NULL'
    const dataLen = t.data ? 'octet_length(data)' : 'NULL'
    const autoName = t.autoName ? 'auto_generated_name' : 'NULL'
    selects.push(
      `SELECT id, created_at AS createdAt, ${msgpackLen} AS msgpackLen, ${dataLen} AS dataLen, ` +
        `${autoName} AS autoName, 0 AS tbl FROM traces`,
    )
  }
  if (schema.invocations) {
    selects.push(
      `SELECT id, created_at AS createdAt, NULL AS msgpackLen, octet_length(data) AS dataLen, ` +
        `NULL AS autoName, 1 AS tbl FROM invocations`,
    )
  }
  if (selects.length === 0) return []
  const rows = db.prepare(`${selects.join(' UNION ALL ')} ORDER BY tbl`).all() as IndexRow[]
  const seen = new Set<string>()
  const refs: TraceRef[] = []
  for (const row of rows) {
    if (typeof row.id !== 'string' || seen.has(row.id)) continue
    seen.add(row.id)
    const fromInvocations = row.tbl === 1
    const ms = rowTimeMs(row.createdAt, row.id)
    const ref: TraceRef = {
      id: row.id,
      createdAtMs: ms,
      storage: fromInvocations
        ? 'invocations-json'
        : row.msgpackLen != null
          ? 'sqlite-msgpack'
          : row.dataLen != null
            ? 'sqlite-json'
            : 'none',
    }
    const size = row.msgpackLen ?? row.dataLen
    if (size != null) ref.sizeBytes = size
    if (typeof row.autoName === 'string' && row.autoName !== '') ref.autoName = row.autoName
    refs.push(ref)
  }
  return refs
}

/** The body of row `id` stored in the database, or undefined when the row has none there. */
export function readDbBody(
  db: Database.Database,
  schema: DbSchema,
  id: string,
): {bytes: Uint8Array; storage: string; table: string} | undefined {
  const t = schema.traces
  if (t && (t.msgpack || t.data)) {
    const cols = `${t.msgpack ? 'msgpack' : 'NULL'} AS msgpack, ${t.data ? 'data' : 'NULL'} AS data`
    const row = db.prepare(`SELECT ${cols} FROM traces WHERE id = ?`).get(id) as
      {msgpack: unknown; data: unknown} | undefined
    if (row) {
      const msgpack = asBytes(row.msgpack)
      if (msgpack) return {bytes: msgpack, storage: 'sqlite-msgpack', table: 'traces.msgpack'}
      const data = asBytes(row.data)
      if (data) return {bytes: data, storage: 'sqlite-json', table: 'traces.data'}
    }
  }
  if (schema.invocations) {
    const data = db.prepare(`SELECT data FROM invocations WHERE id = ?`).pluck().get(id)
    const bytes = asBytes(data)
    if (bytes) return {bytes, storage: 'invocations-json', table: 'invocations.data'}
  }
  return undefined
}

function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value.length > 0 ? value : undefined
  if (typeof value === 'string') return value.length > 0 ? Buffer.from(value, 'utf8') : undefined
  return undefined
}
