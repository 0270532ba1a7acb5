import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import {bindingOptions} from '../store/read-only-db'
import {indexFormatVersion, indexSchema, requiredTables} from './index-schema'

/** An index database, open for reading and writing, and why it was made afresh (if it was). */
export interface OpenedIndex {
  db: Database.Database
  file: string
  /** Set when an existing file was deleted and rebuilt: damaged, another version, another store. */
  rebuiltBecause?: string
}

const sqliteMagic = 'SQLite format 3\u0000'

// Guards against a schema edited without bumping indexFormatVersion: such a file is rebuilt too.
const schemaHash = crypto.createHash('sha256').update(indexSchema).digest('hex').slice(0, 16)

/** The index file of a store: `<cacheDir>/project-index/v<format>-<sha256(storePath)>.sqlite3`. */
export function indexFileFor(cacheDir: string, storePath: string): string {
  const hash = crypto.createHash('sha256').update(path.resolve(storePath)).digest('hex')
  return path.join(cacheDir, 'project-index', `v${indexFormatVersion}-${hash.slice(0, 32)}.sqlite3`)
}

/** True for an error that means the index file is damaged (and must be rebuilt). */
export function isCorruption(error: unknown): boolean {
  const code = (error as {code?: unknown} | undefined)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/**
 * Open the index of `storePath` at `file`, or make a fresh one.
 *
 * An existing file is used only if it is an SQLite database whose size matches its header, has
 * every table, says it is this format version (and schema) of this store, and (when the last
 * session did not close it cleanly) passes `PRAGMA quick_check`; otherwise it is deleted and
 * rebuilt. Index files of other format versions for the same store are removed. Throws only
 * when the cache folder cannot be written.
 */
export function openIndexFile(file: string, storePath: string): OpenedIndex {
  removeOtherVersions(file)
  let rebuiltBecause: string | undefined
  if (fs.existsSync(file)) {
    const checked = tryOpenExisting(file, storePath)
    if ('db' in checked) return {db: checked.db, file}
    rebuiltBecause = checked.problem
    deleteIndexFiles(file)
  }
  const db = createIndex(file, storePath)
  return rebuiltBecause === undefined ? {db, file} : {db, file, rebuiltBecause}
}

/** Mark the index as closed cleanly (so the next open skips the quick check), then close it. */
export function closeIndexFile(db: Database.Database): void {
  if (!db.open) return
  try {
    db.pragma('optimize')
    setMeta(db, 'clean', '1')
  } catch {
    // A damaged or read-only index is checked again next time: nothing to save.
  }
  db.close()
}

/** Delete an index file with its -wal and -shm. */
export function deleteIndexFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, {force: true})
}

/** A value of the `meta` table. */
export function getMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    {value: string | null} | undefined
  return row?.value ?? undefined
}

/** Set a value of the `meta` table. */
export function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value)
}

function tryOpenExisting(
  file: string,
  storePath: string,
): {db: Database.Database} | {problem: string} {
  const header = headerProblem(file)
  if (header) return {problem: header}
  let db: Database.Database | undefined
  try {
    db = connect(file, true)
    const tables = new Set(
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[],
    )
    const missing = requiredTables.filter(t => !tables.has(t))
    if (missing.length > 0) throw new Stale(`it lacks the tables ${missing.join(', ')}`)
    const version = getMeta(db, 'format_version')
    if (version !== String(indexFormatVersion)) {
      throw new Stale(`it is format ${version ?? '?'}, not ${indexFormatVersion}`)
    }
    if (getMeta(db, 'schema') !== schemaHash) {
      throw new Stale('its tables differ from this version’s (a development build wrote it)')
    }
    if (getMeta(db, 'store_path') !== path.resolve(storePath)) {
      throw new Stale('it belongs to another store')
    }
    if (getMeta(db, 'clean') !== '1') {
      const result = db.pragma('quick_check', {simple: true})
      if (result !== 'ok') throw new Stale(`it is damaged (${String(result)})`)
    }
    setMeta(db, 'clean', '0')
    return {db}
  } catch (error) {
    db?.close()
    const why = error instanceof Stale ? error.message : `it cannot be read (${messageOf(error)})`
    return {problem: why}
  }
}

/** Why the file's first page is not a plausible SQLite header, or undefined when it is. */
function headerProblem(file: string): string | undefined {
  let size: number
  const head = Buffer.alloc(100)
  try {
    size = fs.statSync(file).size
    const fd = fs.openSync(file, 'r')
    try {
      fs.readSync(fd, head, 0, 100, 0)
    } finally {
      fs.closeSync(fd)
    }
  } catch (error) {
    return `it cannot be read (${messageOf(error)})`
  }
  if (size < 100 || head.toString('latin1', 0, 16) !== sqliteMagic) {
    return 'it is not an SQLite database'
  }
  const rawPageSize = head.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pages = head.readUInt32BE(28)
  // The header's page count is valid when its change counter matches (offsets 24 and 92).
  if (head.readUInt32BE(24) === head.readUInt32BE(92) && pages > 0 && pages * pageSize > size) {
    return `it is truncated (${size} bytes of ${pages * pageSize})`
  }
  return undefined
}

function createIndex(file: string, storePath: string): Database.Database {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  const db = connect(file, false)
  try {
    db.transaction(() => {
      db.exec(indexSchema)
      setMeta(db, 'format_version', String(indexFormatVersion))
      setMeta(db, 'schema', schemaHash)
      setMeta(db, 'store_path', path.resolve(storePath))
      setMeta(db, 'created_ms', String(Date.now()))
      setMeta(db, 'clean', '0')
      setMeta(db, 'generation', '0')
    })()
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

function connect(file: string, mustExist: boolean): Database.Database {
  const db = new Database(file, {fileMustExist: mustExist, timeout: 2000, ...bindingOptions()})
  try {
    db.pragma('journal_mode = WAL')
    // WAL + NORMAL: a commit is not fsynced, yet a crash cannot corrupt the file (it may lose the
    // last traces, which the next sync indexes again).
    db.pragma('synchronous = NORMAL')
    db.pragma('temp_store = MEMORY')
    // Bounded memory: 16 MB of page cache; the WAL is truncated back to 64 MB after checkpoints.
    db.pragma('cache_size = -16000')
    db.pragma('journal_size_limit = 67108864')
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

function removeOtherVersions(file: string): void {
  const dir = path.dirname(file)
  const own = path.basename(file)
  const hash = own.replace(/^v\d+-/, '').replace(/\.sqlite3$/, '')
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = /^v(\d+)-([0-9a-f]+)\.sqlite3(-wal|-shm)?$/.exec(name)
    if (m && m[2] === hash && !name.startsWith(own)) fs.rmSync(path.join(dir, name), {force: true})
  }
}

class Stale extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
