import fs from 'node:fs'
import {ApiError} from '../../../shared/api/errors'
import type {KoloStore} from '../store'

/** What changed in a store since the last report. */
export interface StoreChange {
  /** New trace ids, newest first. */
  added: string[]
  /** Trace ids that are gone. */
  removed: string[]
  /** The store itself was replaced: recreated, migrated (2.x → 3.x), deleted or back again. */
  replaced?: boolean
}

/** Tuning for watchStore; the defaults suit a desktop app. */
export interface WatchStoreOptions {
  /** Coalesce the events of one Kolo write (db, -wal, -shm): ms. Default 50. */
  debounceMs?: number
  /** Stat poll interval when fs.watch failed for some path: ms. Default 250. */
  pollMs?: number
  /** Stat poll interval while fs.watch works, in case it misses something (network mounts): ms. Default 1000. */
  safetyPollMs?: number
  /** Use fs.watch (default); false polls only, as where watching is not possible. */
  fsWatch?: boolean
  /** Told about transient failures that are retried (a torn copy, a store mid-migration); for logs. */
  onRetry?: (error: unknown) => void
}

/** A running watch; close() stops it. */
export interface StoreWatcher {
  close(): void
}

function inode(file: string | undefined): string {
  if (file === undefined) return 'none'
  const s = fs.statSync(file, {throwIfNoEntry: false})
  return s ? `${file}:${s.dev}:${s.ino}` : 'missing'
}

function statSignature(paths: string[]): string {
  return paths
    .map(p => {
      const s = fs.statSync(p, {throwIfNoEntry: false, bigint: true})
      return s ? `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '-'
    })
    .join('|')
}

/**
 * Report new, deleted and replaced traces of `store` as they happen.
 *
 * fs.watch on the store's watchPaths() (the database, its -wal, raw/, their folders) wakes a
 * check, debounced; a stat poll runs beside it (fast where a watch failed, slow otherwise). A check
 * diffs `traceIds()` against the last ids seen. The store reopens itself when Kolo recreates or
 * migrates it; a check that fails (a copy torn by a checkpoint, a store mid-migration) is retried on
 * the next tick and never reported as a change. A store that disappears reports all its traces
 * removed, and `replaced`.
 */
export function watchStore(
  store: KoloStore,
  onChange: (change: StoreChange) => void,
  options: WatchStoreOptions = {},
): StoreWatcher {
  const debounceMs = options.debounceMs ?? 50
  const pollMs = options.pollMs ?? 250
  const safetyPollMs = options.safetyPollMs ?? 1000
  const watchers = new Map<string, {watcher: fs.FSWatcher; inode: string}>()
  let known: Set<string> | undefined
  let identity = ''
  let lastSignature = ''
  let watchFailed = options.fsWatch === false
  let closed = false
  let debounce: NodeJS.Timeout | undefined
  let poll: NodeJS.Timeout | undefined
  let pollEvery = 0

  const paths = () => store.watchPaths()
  const primary = () => paths()[0]

  const schedule = (delay = debounceMs) => {
    if (closed || debounce) return
    debounce = setTimeout(check, delay)
    debounce.unref()
  }

  const setPoll = () => {
    const every = watchFailed ? pollMs : safetyPollMs
    if (closed || every === pollEvery) return
    if (poll) clearInterval(poll)
    pollEvery = every
    poll = setInterval(() => {
      if (statSignature(paths()) !== lastSignature) schedule(0)
    }, every)
    poll.unref()
  }

  // Watch every path that exists; re-watch one whose file was replaced (a watch follows the inode).
  const arm = () => {
    const wanted = new Set(paths())
    for (const [p, w] of watchers) {
      if (!wanted.has(p) || inode(p) !== w.inode) {
        w.watcher.close()
        watchers.delete(p)
      }
    }
    for (const p of wanted) {
      if (watchFailed || watchers.has(p) || !fs.existsSync(p)) continue
      try {
        const watcher = fs.watch(p, {persistent: false}, () => schedule())
        watcher.on('error', () => {
          watcher.close()
          watchers.delete(p)
          watchFailed = true
          setPoll()
          schedule()
        })
        watchers.set(p, {watcher, inode: inode(p)})
      } catch {
        watchFailed = true
      }
    }
    setPoll()
  }

  const emit = (change: StoreChange) => {
    try {
      onChange(change)
    } catch (error) {
      options.onRetry?.(error)
    }
  }

  function check() {
    debounce = undefined
    if (closed) return
    const signature = statSignature(paths())
    let ids: string[]
    try {
      ids = store.traceIds()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not-found') {
        // The store is gone (deleted, or mid-recreate): everything it listed is gone with it.
        lastSignature = signature
        if (known && known.size > 0) emit({added: [], removed: [...known], replaced: true})
        known = new Set()
        identity = 'gone'
      } else {
        options.onRetry?.(error)
        schedule(pollMs)
      }
      arm()
      return
    }
    lastSignature = signature
    const nextIdentity = inode(primary())
    const replaced = known !== undefined && identity !== nextIdentity && identity !== 'missing'
    const previous = known ?? new Set<string>()
    const current = new Set(ids)
    const added = known === undefined ? [] : ids.filter(id => !previous.has(id))
    const removed = [...previous].filter(id => !current.has(id))
    known = current
    identity = nextIdentity
    arm()
    if (added.length > 0 || removed.length > 0 || replaced) {
      emit(replaced ? {added, removed, replaced} : {added, removed})
      // Two writes within one timestamp tick look alike to a stat: look once more.
      schedule()
    }
  }

  check()
  return {
    close() {
      closed = true
      if (debounce) clearTimeout(debounce)
      if (poll) clearInterval(poll)
      for (const w of watchers.values()) w.watcher.close()
      watchers.clear()
    },
  }
}
