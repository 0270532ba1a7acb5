import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {SourceChanged} from '../decode/byte-source'
import {entrySections, readModel} from './cache-entry'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {CachedTrace, EntryInput, EntryMeta} from './cache-entry'
import {OpenedEntry} from './opened-entry'
import {DamagedFile, SectionedFile, writeSectionedSteps} from './sectioned-file'

/** Bump when what an entry means changes: older entries are then misses (and get evicted). */
export const MODEL_CACHE_VERSION = 1

/** The default bound of the cache folder's size. */
export const DEFAULT_MODEL_CACHE_BYTES = 2 * 1024 ** 3

// A temp file this old belongs to a writer that died.
const STALE_TEMP_MS = 60 * 60 * 1000

/** What a cached model is of: the same trace with another size or mtime is another body. */
export interface ModelKey {
  /** The store path, absolute. */
  store: string
  traceId: string
  /** The thread asked for ('' for Kolo's main thread, '*' for all). */
  thread: string
  /** Where the body is stored (TraceSummary.storage). */
  storage: string
  size?: number
  mtimeMs?: number
  ino?: number
}

/** Options of a ModelCache. */
export interface ModelCacheOptions {
  /** The user cache folder (`$XDG_CACHE_HOME/kolo-explorer`); entries go in `models/` there. */
  dir: string
  /** Keep the folder under this many bytes, least recently used entries first out. */
  maxBytes?: number
}

/** What the cache did, for tests and the bench. */
export interface ModelCacheStats {
  hits: number
  misses: number
  /** Entries found damaged or stale and removed. */
  dropped: number
  writes: number
}

const canonical = (key: ModelKey): string =>
  JSON.stringify([
    key.store,
    key.traceId,
    key.thread,
    key.storage,
    key.size ?? null,
    key.mtimeMs ?? null,
    key.ino ?? null,
  ])

const hash = (text: string, length: number): string =>
  crypto.createHash('sha256').update(text).digest('hex').slice(0, length)

/**
 * Built traces on disk, in the user's cache folder (never in a store): a trace opened once opens
 * again after a restart from its columnar model, its rows' records and where those records are
 * (offsets into the raw file, or a checked copy of a body that cannot be read by offset).
 *
 * An entry is trusted only when its format version, its key (store, trace, thread, body size,
 * mtime and inode) and the lengths and CRCs of its sections all check out; anything else is
 * removed and the trace is built again. Writes are atomic (temp file + rename); the folder is
 * kept under `maxBytes` by evicting the least recently used entries.
 */
export class ModelCache {
  readonly stats: ModelCacheStats = {hits: 0, misses: 0, dropped: 0, writes: 0}
  private readonly folder: string
  private readonly maxBytes: number

  constructor(options: ModelCacheOptions) {
    this.folder = path.join(options.dir, 'models')
    this.maxBytes = options.maxBytes ?? DEFAULT_MODEL_CACHE_BYTES
  }

  /** The entry file of `key`. */
  fileOf(key: ModelKey): string {
    const trace = hash(`${key.store}\u0000${key.traceId}\u0000${key.thread}`, 24)
    const body = hash(`${MODEL_CACHE_VERSION}\u0000${canonical(key)}`, 16)
    return path.join(this.folder, `${trace}-${body}.kxc`)
  }

  /**
   * The cached trace of `key` opened for its model, or undefined (none; a damaged or stale one
   * is removed); the rest is read by the OpenedEntry. `onPreview` gets the entry's first-screen
   * model (meta.partial set) as soon as it is read, before the model.
   */
  open(key: ModelKey, onPreview?: (model: ArrayBuffer) => void): OpenedEntry | undefined {
    return this.openEntry(key, true, sectioned => {
      if (onPreview && sectioned.has('preview')) onPreview(sectioned.read('preview'))
      return readModel(sectioned)
    })
  }

  /**
   * The whole entry of `key` just written, read back around the model it was written from
   * (not read again): undefined if it does not read back.
   */
  reopen(key: ModelKey, framed: SharedArrayBuffer, model: TraceModel): CachedTrace | undefined {
    try {
      return this.openEntry(key, false, () => ({framed, model}))?.finish()
    } catch (error) {
      if (error instanceof SourceChanged) return undefined
      throw error
    }
  }

  private openEntry(
    key: ModelKey,
    counted: boolean,
    readModelOf: (sectioned: SectionedFile) => {framed: SharedArrayBuffer; model: TraceModel},
  ): OpenedEntry | undefined {
    const file = this.fileOf(key)
    let sectioned: SectionedFile | undefined
    try {
      sectioned = SectionedFile.open(file, MODEL_CACHE_VERSION)
      if (!sectioned) {
        if (counted) this.stats.misses++
        return undefined
      }
      const meta = sectioned.meta as EntryMeta
      if (JSON.stringify(meta.key) !== canonical(key)) {
        throw new DamagedFile(file, 'it holds another trace or another body')
      }
      const {framed, model} = readModelOf(sectioned)
      if (counted) this.stats.hits++
      touch(file)
      return new OpenedEntry(sectioned, meta, framed, model, () => this.drop(key))
    } catch (error) {
      sectioned?.close()
      if (!(error instanceof DamagedFile || error instanceof SourceChanged)) throw error
      this.drop(key)
      if (counted) this.stats.misses++
      return undefined
    }
  }

  /**
   * Write the entry of `key`, replacing other entries of the same trace (older bodies), then
   * evict. Disk trouble (a read-only home, a full disk) only means no entry: returns false.
   */
  write(key: ModelKey, input: EntryInput): boolean {
    const steps = this.writeSteps(key, input)
    for (;;) {
      const next = steps.next()
      if (next.done) return next.value
    }
  }

  /** write(), a few MB a step (see writeSectionedSteps). */
  *writeSteps(key: ModelKey, input: EntryInput): Generator<void, boolean> {
    const file = this.fileOf(key)
    try {
      const {meta, sections} = yield* entrySections(JSON.parse(canonical(key)), input)
      if (sections.reduce((n, [, bytes]) => n + bytes.length, 0) > this.maxBytes) return false
      const size = yield* writeSectionedSteps(
        file,
        MODEL_CACHE_VERSION,
        meta,
        sections,
        new Set(['body']),
      )
      if (size > this.maxBytes) {
        fs.rmSync(file, {force: true})
        return false
      }
    } catch {
      return false
    }
    this.stats.writes++
    const prefix = `${path.basename(file).split('-')[0]}-`
    for (const name of this.names()) {
      if (name.startsWith(prefix) && name !== path.basename(file) && name.endsWith('.kxc')) {
        fs.rmSync(path.join(this.folder, name), {force: true})
      }
    }
    this.evict(file)
    return true
  }

  /** Remove the entry of `key` (found damaged while reading details); counted once. */
  drop(key: ModelKey): void {
    try {
      fs.rmSync(this.fileOf(key))
      this.stats.dropped++
    } catch {
      // Already gone, or not ours to remove: the next open checks it again.
    }
  }

  /** Entries (and stale temp files) beyond the bound go, least recently used first. */
  evict(keep?: string): void {
    const now = Date.now()
    const entries: {file: string; size: number; usedMs: number}[] = []
    for (const name of this.names()) {
      const file = path.join(this.folder, name)
      const stat = fs.statSync(file, {throwIfNoEntry: false})
      if (!stat) continue
      if (name.endsWith('.tmp')) {
        if (now - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(file, {force: true})
        continue
      }
      if (name.endsWith('.kxc')) entries.push({file, size: stat.size, usedMs: stat.mtimeMs})
    }
    let total = entries.reduce((n, e) => n + e.size, 0)
    entries.sort((a, b) => a.usedMs - b.usedMs)
    for (const entry of entries) {
      if (total <= this.maxBytes) break
      if (entry.file === keep) continue
      fs.rmSync(entry.file, {force: true})
      total -= entry.size
    }
  }

  private names(): string[] {
    try {
      return fs.readdirSync(this.folder)
    } catch {
      return []
    }
  }
}

/** Mark an entry used now (its mtime orders the eviction). */
function touch(file: string): void {
  try {
    const now = new Date()
    fs.utimesSync(file, now, now)
  } catch {
    // A read-only cache still serves; it only evicts less well.
  }
}
