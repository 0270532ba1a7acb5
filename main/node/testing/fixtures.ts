import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import Database from 'better-sqlite3'

/** Test-only access to the shared Kolo fixtures (kolo-format.md §10); never writes to them. */

/** The shared fixture folder: `../shared/fixtures` beside the repository, or $KOLO_FIXTURES. */
export const FIXTURES =
  process.env.KOLO_FIXTURES ??
  fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url))

/** The msgpack bodies of a 2.x store, by trace id; the db is read into memory (no file access after). */
export function storeBodies(dbPath: string): Map<string, Uint8Array> {
  const db = openFixtureImage(dbPath)
  try {
    const rows = db.prepare('SELECT id, msgpack FROM traces ORDER BY id').all() as {
      id: string
      msgpack: Buffer
    }[]
    return new Map(rows.map(r => [r.id, new Uint8Array(r.msgpack)]))
  } finally {
    db.close()
  }
}

/**
 * A fixture database opened from an in-memory copy of its bytes.
 *
 * Opening the file itself, even `readonly`, lets SQLite (run as root) create -wal/-shm beside it.
 */
export function openFixtureImage(dbPath: string): Database.Database {
  const image = readFileSync(dbPath)
  // A WAL-mode image cannot be opened from memory: mark the copy as rollback-journal (bytes 18–19).
  image[18] = 1
  image[19] = 1
  return new Database(image)
}

/** The v3 container files of a 3.x store, by trace id. */
export function rawBodies(rawDir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  for (const name of readdirSync(rawDir).sort()) {
    if (name.endsWith('.kolo')) {
      out.set(name.slice(0, -5), new Uint8Array(readFileSync(path.join(rawDir, name))))
    }
  }
  return out
}

/** The bookshelf 2.40 store. */
export const bookshelf = (): Map<string, Uint8Array> =>
  storeBodies(`${FIXTURES}/bookshelf/app/.kolo/db.sqlite3`)
/** The bookshelf-deep 2.40 store. */
export const bookshelfDeep = (): Map<string, Uint8Array> =>
  storeBodies(`${FIXTURES}/bookshelf-deep/.kolo/db.sqlite3`)
/** The bookshelf traces as 3.3+ containers. */
export const bookshelfV3 = (): Map<string, Uint8Array> =>
  rawBodies(`${FIXTURES}/bookshelf-v3/.kolo/.internal/raw`)
/** A file of fixtures/files. */
export const fixtureFile = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(`${FIXTURES}/files/${name}`))
