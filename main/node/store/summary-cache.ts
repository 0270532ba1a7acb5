import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {TraceSummaryFields} from '../summary/summarize'

/** A cached summary: the fields, and the decode error when the body could not be read. */
export interface CachedSummary {
  fields: TraceSummaryFields
  error?: string
}

// Bump when the summary's meaning changes, so old caches are ignored rather than trusted.
// 3: unnamed traces are named by their command line; big bodies list partial rows.
const cacheVersion = 3
const maxEntries = 50_000

/** `$XDG_CACHE_HOME/kolo-explorer`, else `~/.cache/kolo-explorer`. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache')
  return path.join(base, 'kolo-explorer')
}

/** The cache key of one body: the same id with another size (or mtime) is another body. */
export function summaryKey(id: string, sizeBytes: number | undefined, mtimeMs?: number): string {
  return `${id}|${sizeBytes ?? '?'}|${mtimeMs ?? ''}`
}

/**
 * Summaries of one store, in memory and in one JSON file under the cache folder (never in the
 * store). Disk trouble (read-only home, a corrupt cache file) only costs re-decoding.
 *
 * Two processes (or the list and the trace worker) may share the file: a flush merges what is on
 * disk, and a miss or a partial row looks at the file again when it changed, so a summary the
 * worker wrote while loading a trace shows in the next listing.
 */
export class SummaryCache {
  private readonly entries = new Map<string, CachedSummary>()
  private loaded = false
  private dirty = false
  private diskStamp = ''
  private readonly file: string | undefined

  constructor(storePath: string, cacheDir: string | undefined) {
    if (cacheDir !== undefined) {
      const hash = crypto.createHash('sha256').update(storePath).digest('hex').slice(0, 32)
      this.file = path.join(cacheDir, 'summaries', `v${cacheVersion}-${hash}.json`)
    }
  }

  /** The cached summary for `key`, if any (a partial one only when nothing better is on disk). */
  get(key: string): CachedSummary | undefined {
    this.load()
    const known = this.entries.get(key)
    if (known && !known.fields.partial) return known
    this.reload()
    return this.entries.get(key)
  }

  /** Remember a summary; written to disk by the next flush. */
  set(key: string, value: CachedSummary): void {
    this.load()
    this.entries.delete(key)
    this.entries.set(key, value)
    this.dirty = true
    if (this.entries.size > maxEntries) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
  }

  /** Write new entries to disk (atomically: a temp file in the cache folder, then rename). */
  flush(): void {
    if (!this.dirty || !this.file) return
    this.dirty = false
    this.reload()
    const tmp = `${this.file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
    try {
      fs.mkdirSync(path.dirname(this.file), {recursive: true})
      const body = JSON.stringify({
        version: cacheVersion,
        entries: Object.fromEntries(this.entries),
      })
      fs.writeFileSync(tmp, body)
      fs.renameSync(tmp, this.file)
      this.diskStamp = stampOf(this.file)
    } catch {
      fs.rmSync(tmp, {force: true})
    }
  }

  private load(): void {
    if (this.loaded) return
    this.loaded = true
    this.reload()
  }

  /** Take in the entries on disk if the file changed since last read; ours win unless partial. */
  private reload(): void {
    if (!this.file) return
    const stamp = stampOf(this.file)
    if (stamp === this.diskStamp) return
    this.diskStamp = stamp
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as {
        version?: unknown
        entries?: Record<string, CachedSummary>
      }
      if (parsed.version !== cacheVersion || typeof parsed.entries !== 'object') return
      for (const [key, value] of Object.entries(parsed.entries)) {
        if (typeof value !== 'object' || typeof value.fields !== 'object') continue
        const ours = this.entries.get(key)
        if (!ours || (ours.fields.partial && !value.fields.partial)) this.entries.set(key, value)
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }
}

/** Size and mtime of a file, '' when it is missing: tells whether to read it again. */
function stampOf(file: string): string {
  const stat = fs.statSync(file, {throwIfNoEntry: false})
  return stat ? `${stat.size}:${stat.mtimeMs}` : ''
}
