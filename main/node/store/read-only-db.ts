import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {ApiError} from '../../../shared/api/errors'

// better-sqlite3 builds SQLite with SQLITE_USE_URI=0 and reads this variable once, when its native
// addon initialises (the first `new Database`). Without URIs `immutable=1` is impossible, and
// every open falls back to a private copy (see openSnapshot), so a wrong guess is slow, never unsafe.
process.env.SQLITE_USE_URI ??= '1'
let urisWork: boolean | undefined

/** Tests only: pretend URI filenames do (not) work, to exercise the copy-everything fallback. */
export function setUriSupportForTests(value: boolean | undefined): void {
  urisWork = value
}

const privateDirs = new Set<string>()
let exitHookSet = false

/** How a database was opened: straight from the user's file, or from a private copy. */
export type OpenMode = 'immutable' | 'copy'

/** The (size, time, inode) of a file, or 'missing'; equal strings mean "not changed". */
export function statKey(file: string): string {
  try {
    const s = fs.statSync(file, {bigint: true})
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`
  } catch {
    return 'missing'
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}

/** better-sqlite3's native binding: `KOLO_EXPLORER_SQLITE_BINDING` (Electron's ABI build) or the default. */
export function bindingOptions(): Database.Options {
  const nativeBinding = process.env.KOLO_EXPLORER_SQLITE_BINDING
  return nativeBinding ? {nativeBinding} : {}
}

/** A SQLite URI for a path: `%`, `?` and `#` escaped, Windows drives given a leading slash. */
export function sqliteUri(file: string, query: string): string {
  let p = path.resolve(file).split(path.sep).join('/')
  if (!p.startsWith('/')) p = `/${p}`
  const escaped = p.replace(/%/g, '%25').replace(/\?/g, '%3f').replace(/#/g, '%23')
  return `file://${escaped}?${query}`
}

/**
 * A read-only view of one SQLite database that never creates or changes a file beside it.
 *
 * kolo-format.md §2.5 says: open `mode=ro`, and copy when a WAL database sits in a folder we cannot
 * write. We run as root in CI, where permission bits stop nothing, and `mode=ro` on a WAL database
 * then creates `-wal` and `-shm` next to the user's file (and writes read marks into an existing
 * `-shm`). So no path here opens the user's file in a mode that may write:
 * - no `-wal`, or an empty one: everything is in the main file; open it `immutable=1` (no locks,
 *   no journal, no `-shm`).
 * - a non-empty `-wal`: recent traces may live only there; copy the file and its `-wal` (never the
 *   `-shm`: SQLite rebuilds the index from the copied log) into a private temp folder and open the
 *   copy. The main file is copied again only when it changed.
 * The view is reopened whenever the database or its `-wal` changed (size, times or inode), so every
 * call sees the store as it is now.
 */
export class ReadOnlyDb {
  private db: Database.Database | undefined
  private openedKey = ''
  private copyDir: string | undefined
  private copiedMainKey = ''
  /** Bumped on every reopen: what was read from an older generation may be stale. */
  generation = 0
  mode: OpenMode = 'immutable'

  constructor(readonly file: string) {}

  /** What the database and its -wal are now (size, times, inode): equal strings, same bytes. */
  stateKey(): string {
    return `${statKey(this.file)}|${statKey(`${this.file}-wal`)}`
  }

  /** The stateKey of the database the connection was opened on. */
  get opened(): string {
    return this.openedKey
  }

  /** The connection for the database as it is now, reopened if it changed since the last call. */
  connection(): Database.Database {
    const key = this.stateKey()
    if (this.db && key === this.openedKey) return this.db
    if (key.startsWith('missing|')) {
      this.release()
      throw new ApiError('not-found', `${this.file}: no such database`)
    }
    this.release()
    this.db = this.open()
    this.openedKey = key
    this.generation++
    return this.db
  }

  /** Forget the connection (and the copy's main file), so the next call opens afresh. */
  invalidate(): void {
    this.release()
    this.openedKey = ''
    this.copiedMainKey = ''
  }

  /** Close the connection and delete the private copy, if any. */
  close(): void {
    this.release()
    if (this.copyDir) {
      fs.rmSync(this.copyDir, {recursive: true, force: true})
      privateDirs.delete(this.copyDir)
      this.copyDir = undefined
    }
  }

  private release(): void {
    this.db?.close()
    this.db = undefined
  }

  private open(): Database.Database {
    const walSize = fileSize(`${this.file}-wal`)
    if (walSize === 0 && urisWork !== false) {
      try {
        const db = this.connect(sqliteUri(this.file, 'mode=ro&immutable=1'))
        urisWork = true
        this.mode = 'immutable'
        return db
      } catch (error) {
        // Without URI support the URI is read as a (missing) relative file name: CANTOPEN.
        if (urisWork === undefined && (error as {code?: string}).code === 'SQLITE_CANTOPEN') {
          urisWork = false
        } else {
          throw error
        }
      }
    }
    this.mode = 'copy'
    return this.connect(this.copyToPrivateDir())
  }

  private connect(name: string): Database.Database {
    // timeout: a private copy or an immutable file has no other user; never wait 5 s on a lock.
    return new Database(name, {
      readonly: true,
      fileMustExist: true,
      timeout: 200,
      ...bindingOptions(),
    })
  }

  /** Copy the database and its -wal into our temp folder; returns the copy's path. */
  private copyToPrivateDir(): string {
    if (!this.copyDir) {
      this.copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-explorer-db-'))
      privateDirs.add(this.copyDir)
      setExitHook()
    }
    const copy = path.join(this.copyDir, 'db.sqlite3')
    fs.rmSync(`${copy}-shm`, {force: true})
    fs.rmSync(`${copy}-wal`, {force: true})
    // A checkpoint running while we copy would tear the main file: copy until it holds still.
    for (let attempt = 0; ; attempt++) {
      const before = statKey(this.file)
      if (before !== this.copiedMainKey) {
        fs.copyFileSync(this.file, copy, fs.constants.COPYFILE_FICLONE)
      }
      copyIfPresent(`${this.file}-wal`, `${copy}-wal`)
      const after = statKey(this.file)
      if (after === before) {
        this.copiedMainKey = after
        return copy
      }
      this.copiedMainKey = ''
      if (attempt >= 4) {
        throw new ApiError('bad-store', `${this.file}: changed while being copied; try again`)
      }
    }
  }
}

function copyIfPresent(from: string, to: string): void {
  try {
    fs.copyFileSync(from, to, fs.constants.COPYFILE_FICLONE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function setExitHook(): void {
  if (exitHookSet) return
  exitHookSet = true
  process.once('exit', () => {
    for (const dir of privateDirs) fs.rmSync(dir, {recursive: true, force: true})
  })
}

/** Turn a SQLite error on `file` into an ApiError naming it; ApiErrors pass through. */
export function storeError(file: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const code = (error as {code?: unknown}).code
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'SQLITE_NOTADB') return new ApiError('bad-store', `${file}: not a SQLite database`)
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
    return new ApiError('bad-store', `${file}: the database is corrupt (${message})`)
  }
  if (code === 'ENOENT') return new ApiError('not-found', `${file}: no such file`)
  return new ApiError('bad-store', `${file}: ${message}`)
}
