import fs from 'node:fs'
import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import {sniffBytes} from './sniff'
import type {Sniffed} from './sniff'

/** Where a Kolo database is, as of now. */
export interface DbLocation {
  dbFile: string
  /** Kolo 3.x `raw/` folder beside the database (may not exist yet). */
  rawDir?: string
  format: 'kolo-2' | 'kolo-3'
}

/** What an input path turned out to be. */
export type Located =
  | {
      kind: 'db'
      sourceRoot: string
      label: string
      location: DbLocation
      relocate?: () => DbLocation | undefined
    }
  | {kind: 'file'; sourceRoot: string; label: string; file: string; sniffed: Sniffed}

const isFile = (p: string) => fs.statSync(p, {throwIfNoEntry: false})?.isFile() === true
const isDir = (p: string) => fs.statSync(p, {throwIfNoEntry: false})?.isDirectory() === true

/**
 * The store under a project folder as it is now: 3.x `.kolo/.internal/db.sqlite3` first, then 2.x
 * `.kolo/db.sqlite3`; a 3.x `raw/` folder without a database still counts.
 */
export function locateInProject(root: string): DbLocation | undefined {
  const internal = path.join(root, '.kolo', '.internal')
  const db3 = path.join(internal, 'db.sqlite3')
  const raw = path.join(internal, 'raw')
  if (isFile(db3) || isDir(raw)) return {dbFile: db3, rawDir: raw, format: 'kolo-3'}
  const db2 = path.join(root, '.kolo', 'db.sqlite3')
  if (isFile(db2)) return {dbFile: db2, format: 'kolo-2'}
  return undefined
}

/** The project folder of a path inside `<root>/.kolo/` or `<root>/.kolo/.internal/`, if it is one. */
function projectOfKoloPath(p: string): string | undefined {
  const parts = p.split(path.sep)
  const i = parts.lastIndexOf('.kolo')
  if (i < 1) return undefined
  const rest = parts.slice(i + 1)
  if (rest.length > 0 && rest[0] !== '.internal') return undefined
  if (rest.length > 2 || (rest.length === 2 && rest[1] !== 'raw')) return undefined
  return parts.slice(0, i).join(path.sep) || path.sep
}

function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    const n = fs.readSync(fd, head, 0, 16, 0)
    return head.subarray(0, n)
  } finally {
    fs.closeSync(fd)
  }
}

function projectStore(root: string, label: string): Located {
  const location = locateInProject(root)
  if (!location) {
    throw new ApiError(
      'not-found',
      `${root}: no Kolo store here (looked for .kolo/.internal/db.sqlite3, .kolo/.internal/raw/ and .kolo/db.sqlite3)`,
    )
  }
  return {kind: 'db', sourceRoot: root, label, location, relocate: () => locateInProject(root)}
}

/**
 * Decide what `input` is: a project folder, a `.kolo` (or `.internal`) folder, a database file, or
 * one trace file. Contents are sniffed; names only say where a project's root is.
 */
export function locate(input: string): Located {
  const abs = path.resolve(input)
  const stat = fs.statSync(abs, {throwIfNoEntry: false})
  if (!stat) throw new ApiError('not-found', `${abs}: no such file or folder`)
  if (stat.isDirectory()) {
    const root = projectOfKoloPath(abs)
    if (root !== undefined) return projectStore(root, path.basename(root))
    return projectStore(abs, path.basename(abs))
  }
  if (!stat.isFile()) throw new ApiError('bad-store', `${abs}: not a file or folder`)
  let sniffed: Sniffed
  try {
    sniffed = sniffBytes(readHead(abs))
  } catch (error) {
    throw new ApiError('bad-store', `${abs}: cannot be read (${(error as Error).message})`)
  }
  const folder = path.dirname(abs)
  const root = projectOfKoloPath(folder)
  if (sniffed === 'sqlite') {
    // A Kolo database in its usual place follows Kolo when it recreates or migrates the store.
    const relocatable = root !== undefined && path.basename(abs) === 'db.sqlite3'
    const inInternal = path.basename(folder) === '.internal'
    const rawDir = path.join(folder, 'raw')
    const location: DbLocation =
      inInternal || isDir(rawDir)
        ? {dbFile: abs, rawDir, format: 'kolo-3'}
        : {dbFile: abs, format: 'kolo-2'}
    return {
      kind: 'db',
      sourceRoot: root ?? folder,
      label: root !== undefined ? path.basename(root) : path.basename(abs),
      location,
      // Given explicitly, this file is used while it exists; Kolo's next one only once it is gone.
      relocate: relocatable ? () => (isFile(abs) ? location : locateInProject(root)) : undefined,
    }
  }
  if (sniffed === 'unknown') {
    throw new ApiError(
      'bad-store',
      `${abs}: not a Kolo store or trace file (neither SQLite, a .kolo container, msgpack, JSON nor gzip)`,
    )
  }
  return {kind: 'file', sourceRoot: root ?? folder, label: path.basename(abs), file: abs, sniffed}
}
