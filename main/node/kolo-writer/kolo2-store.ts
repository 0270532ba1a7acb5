import Database from 'better-sqlite3'
import {mkdirSync, writeFileSync, existsSync} from 'node:fs'
import path from 'node:path'
import {encodeKolo} from './msgpack-writer'
import {createdAtOf, isEncoded, traceIdOf} from './trace-input'
import type {TraceInput} from './trace-input'

// The `traces` table exactly as Kolo 2.40 (kolo/db.py) creates it; SQLite keeps this text.
const TRACES_TABLE = `CREATE TABLE IF NOT EXISTS traces (
        id text PRIMARY KEY NOT NULL,
        created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL,
        data text NULL,
        msgpack blob NULL,
        is_pinned INTEGER DEFAULT 0
    )`
const TRACES_INDEX = `CREATE INDEX IF NOT EXISTS idx_traces_created_at
        ON traces (created_at)`
const GITIGNORE = 'db.sqlite3\ndb.sqlite3-shm\ndb.sqlite3-wal\n.gitignore\n'

/**
 * Writes traces into `<projectDir>/.kolo/db.sqlite3` as Kolo 2.40 does, and returns the db path.
 *
 * WAL journal, the 2.40 schema, `INSERT OR IGNORE INTO traces(id, msgpack, created_at)`, one
 * transaction. An existing store is appended to. Only for generated stores (tests, demo, bench):
 * never point it at a user's project.
 */
export function writeKolo2Store(projectDir: string, traces: Iterable<TraceInput>): string {
  const koloDir = path.join(projectDir, '.kolo')
  mkdirSync(koloDir, {recursive: true})
  const gitignore = path.join(koloDir, '.gitignore')
  if (!existsSync(gitignore)) writeFileSync(gitignore, GITIGNORE)
  const dbPath = path.join(koloDir, 'db.sqlite3')
  const db = new Database(dbPath)
  try {
    db.pragma('journal_mode = WAL')
    db.exec(TRACES_TABLE)
    db.exec(TRACES_INDEX)
    const insert = db.prepare(
      'INSERT OR IGNORE INTO traces(id, msgpack, created_at) VALUES (?, ?, ?)',
    )
    db.transaction(() => {
      for (const trace of traces) {
        const body = isEncoded(trace) ? trace.msgpack : encodeKolo(trace)
        insert.run(traceIdOf(trace), asBuffer(body), createdAtOf(trace))
      }
    })()
  } finally {
    db.close()
  }
  return dbPath
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}
