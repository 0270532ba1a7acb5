import Database from 'better-sqlite3'
import {randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, renameSync, utimesSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {writeKoloContainer} from './kolo3-container'
import type {ContainerOptions} from './kolo3-container'
import {encodeKolo} from './msgpack-writer'
import {createdAtOf, isEncoded, traceIdOf} from './trace-input'
import type {TraceInput} from './trace-input'

// The index-only `traces` table as Kolo 3.3+ leaves it (columns added by ALTER TABLE over time).
const TRACES_TABLE = `CREATE TABLE IF NOT EXISTS traces (id text PRIMARY KEY NOT NULL,
        created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL, data text NULL, msgpack blob NULL,
        is_pinned INTEGER DEFAULT 0, auto_generated_name TEXT NULL)`
const TRACES_INDEX = 'CREATE INDEX IF NOT EXISTS idx_traces_created_at ON traces (created_at)'

/** Options of writeKolo3Store. */
export interface Kolo3StoreOptions extends ContainerOptions {
  /** Body files: `.kolo` containers (3.3+, default) or `.msgpack` C2 maps (3.0–3.2). */
  format?: 'kolo' | 'msgpack'
  /** Also insert the index rows (default true); false leaves files without rows. */
  indexRows?: boolean
}

/**
 * Writes traces in the Kolo 3.x layout and returns the `.kolo/.internal` folder.
 *
 * An index-only `db.sqlite3` (WAL) plus `raw/<id>.kolo` (or `.msgpack`) bodies, each written
 * atomically through a `.<name>.<hex>.tmp` sibling and a rename, as Kolo does; file mtimes are the
 * traces' `created_at`. Only for generated stores (tests, demo, bench).
 */
export function writeKolo3Store(
  projectDir: string,
  traces: Iterable<TraceInput>,
  options: Kolo3StoreOptions = {},
): string {
  const koloDir = path.join(projectDir, '.kolo')
  const internal = path.join(koloDir, '.internal')
  const raw = path.join(internal, 'raw')
  mkdirSync(raw, {recursive: true})
  mkdirSync(path.join(koloDir, 'traces'), {recursive: true})
  writeIfMissing(
    path.join(koloDir, '.gitignore'),
    '.internal/\nkolo.txt\n.gitignore\n.ignore\ntraces/*\n',
  )
  writeIfMissing(path.join(koloDir, '.ignore'), '!traces/*\n')

  const db = new Database(path.join(internal, 'db.sqlite3'))
  try {
    db.pragma('journal_mode = WAL')
    db.exec(TRACES_TABLE)
    db.exec(TRACES_INDEX)
    const insert = db.prepare('INSERT OR IGNORE INTO traces(id, created_at) VALUES (?, ?)')
    const format = options.format ?? 'kolo'
    db.transaction(() => {
      for (const trace of traces) {
        const id = traceIdOf(trace)
        const createdAt = createdAtOf(trace)
        const body =
          format === 'msgpack'
            ? isEncoded(trace)
              ? trace.msgpack
              : encodeKolo(trace)
            : isEncoded(trace)
              ? failEncoded(id)
              : writeKoloContainer(trace, options)
        const file = path.join(raw, `${id}.${format}`)
        writeAtomic(file, body)
        const mtime = new Date(createdAt.replace(' ', 'T') + 'Z')
        utimesSync(file, mtime, mtime)
        if (options.indexRows !== false) insert.run(id, createdAt)
      }
    })()
  } finally {
    db.close()
  }
  return internal
}

/** Writes `file` through a sibling `.<name>.<hex>.tmp` and a rename, so readers never see half. */
export function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
  )
  writeFileSync(tmp, bytes)
  renameSync(tmp, file)
}

function writeIfMissing(file: string, text: string): void {
  if (!existsSync(file)) writeFileSync(file, text)
}

function failEncoded(id: string): never {
  throw new Error(`trace ${id}: a pre-encoded body can only be written as .msgpack`)
}
