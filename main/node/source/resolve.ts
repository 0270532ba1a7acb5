import {closeSync, fstatSync, openSync, readSync, statSync} from 'node:fs'
import path from 'node:path'
import type {PathMapping, SourceOrigin} from '../../../shared/api/source-contract'
import {applyMappings, isAbsolutePath, toSlashes} from '../../../shared/model/source'

/** Where relative recorded paths are read from and how other prefixes map to local folders. */
export interface ResolveSettings {
  sourceRoot: string
  mappings: readonly PathMapping[]
  /** Where a path that climbs out with `../` is tried from (default '/'; tests: a temp folder). */
  fsRoot?: string
}

/** One local place a recorded path may be. */
export interface Candidate {
  path: string
  origin: SourceOrigin
  mapping?: PathMapping
}

/**
 * The local paths a recorded path may name, most specific first.
 *
 * Kolo records `os.path.relpath(co_filename)` against the traced process's working directory
 * (absolute when that fails), so a relative path is read below the source root. A mapping wins
 * over everything: it matches the path as recorded, or as made absolute against the source root.
 * A path that climbs out with `../` (library code) is also tried from the file-system root, on the
 * guess that the traced process ran that many folders deep and the library sits at the same
 * absolute place here (`../../usr/lib/python3/...` -> `/usr/lib/python3/...`).
 */
export function candidatesFor(recorded: string, settings: ResolveSettings): Candidate[] {
  const out: Candidate[] = []
  const add = (c: Candidate) => {
    const p = path.resolve(c.path)
    if (!out.some(o => o.path === p)) out.push({...c, path: p})
  }
  const absolute = isAbsolutePath(recorded)
  const fromRoot = absolute ? recorded : path.join(settings.sourceRoot, toSlashes(recorded))
  for (const form of [recorded, fromRoot]) {
    const mapped = applyMappings(form, settings.mappings)
    if (mapped) add({path: mapped.path, origin: 'mapping', mapping: mapped.mapping})
  }
  if (absolute) {
    add({path: recorded, origin: 'absolute'})
  } else {
    add({path: fromRoot, origin: 'root'})
    const climbed = /^(?:\.\.\/)+(.+)$/.exec(toSlashes(recorded))
    if (climbed) add({path: path.join(settings.fsRoot ?? '/', climbed[1]!), origin: 'absolute'})
  }
  return out
}

/** The outcome of reading a candidate file. */
export type ReadResult =
  | {status: 'ok'; text: string; size: number}
  | {status: 'not-found'}
  | {status: 'too-large'; size: number}
  | {status: 'unreadable'; reason: string}

/**
 * Read a regular file as UTF-8 text, refusing anything over `maxBytes`.
 *
 * Devices, FIFOs and folders read as 'not-found' (a FIFO would block). A NUL byte marks it binary.
 */
export function readTextFile(file: string, maxBytes: number): ReadResult {
  let fd: number
  try {
    if (!statSync(file).isFile()) return {status: 'not-found'}
    fd = openSync(file, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return {status: 'not-found'}
    return {status: 'unreadable', reason: `${file}: ${(error as Error).message}`}
  }
  try {
    // Check again on the open descriptor: the path may have been swapped since the stat.
    const stat = fstatSync(fd)
    if (!stat.isFile()) return {status: 'not-found'}
    if (stat.size > maxBytes) return {status: 'too-large', size: stat.size}
    const buffer = Buffer.alloc(stat.size)
    let read = 0
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read)
      if (n === 0) break
      read += n
    }
    const bytes = buffer.subarray(0, read)
    if (bytes.includes(0)) return {status: 'unreadable', reason: `${file}: a binary file`}
    return {status: 'ok', text: bytes.toString('utf8'), size: read}
  } catch (error) {
    return {status: 'unreadable', reason: `${file}: ${(error as Error).message}`}
  } finally {
    closeSync(fd)
  }
}

/** Whether a path is an existing regular file. */
export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}
