import {createHash} from 'node:crypto'
import {watch} from 'node:fs'
import type {FSWatcher} from 'node:fs'
import path from 'node:path'
import {ApiError} from '../../shared/api/errors'
import type {TracePage} from '../../shared/api/contract'
import type {ProjectSummary} from '../../shared/model/trace-summary'

/** What the service needs of an open Kolo store (main/node/store's KoloStore satisfies it). */
export interface StoreHandle {
  readonly path: string
  readonly sourceRoot: string
  readonly format: string
  readonly label: string
  listTraces(page: {offset: number; limit: number}): TracePage
  traceIds(): string[]
  watchPaths(): string[]
  close(): void
}

/** Opens a store read-only; throws an ApiError naming the file when it cannot. */
export type OpenStore = (storePath: string, options: {cacheDir?: string}) => StoreHandle

/** One project of a session: an open store, or the reason it could not be opened. */
export interface Project {
  readonly id: string
  /** The path as the user gave it. */
  readonly givenPath: string
  readonly resolvedPath: string
  store?: StoreHandle
  error?: string
}

/**
 * A stable, opaque id for a project path: a short hash of the resolved path.
 *
 * Stable across runs, so a renderer (or a deep link) may keep it; opaque, so no path crosses the API.
 */
export function projectIdFor(projectPath: string): string {
  const resolved = path.resolve(projectPath)
  return 'p' + createHash('sha256').update(resolved).digest('hex').slice(0, 12)
}

/** Open a project, keeping the failure (message naming the file) instead of throwing it. */
export function openProject(givenPath: string, open: OpenStore, cacheDir?: string): Project {
  const project: Project = {
    id: projectIdFor(givenPath),
    givenPath,
    resolvedPath: path.resolve(givenPath),
  }
  tryOpen(project, open, cacheDir)
  return project
}

/** (Re)try opening a project that failed before; a store may have appeared since. */
export function tryOpen(project: Project, open: OpenStore, cacheDir?: string): void {
  if (project.store) return
  try {
    project.store = open(project.resolvedPath, {cacheDir})
    project.error = undefined
  } catch (error) {
    project.error = describeError(error, project.resolvedPath)
  }
}

/** The open store of a project, or the ApiError a request on it should fail with. */
export function storeOf(project: Project): StoreHandle {
  if (project.store) return project.store
  throw new ApiError('bad-store', project.error ?? `${project.resolvedPath}: not open`)
}

/** The sidebar row of a project; a failed one still lists, with its error. */
export function summarize(project: Project): ProjectSummary {
  const store = project.store
  if (!store) {
    return {
      id: project.id,
      path: project.givenPath,
      label: path.basename(project.resolvedPath) || project.resolvedPath,
      format: 'unknown',
      traceCount: 0,
      error: project.error,
    }
  }
  try {
    const {total} = store.listTraces({offset: 0, limit: 1})
    return {
      id: project.id,
      path: project.givenPath,
      label: store.label,
      format: store.format,
      traceCount: total,
    }
  } catch (error) {
    return {
      id: project.id,
      path: project.givenPath,
      label: store.label,
      format: store.format,
      traceCount: 0,
      error: describeError(error, store.path),
    }
  }
}

/** A message naming the file and the problem, whatever was thrown. */
export function describeError(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.includes(file) ? message : `${file}: ${message}`
}

/** What changed in a store between two looks at its trace ids. */
export interface TraceIdDiff {
  added: string[]
  removed: string[]
}

/** The trace ids added and removed between two snapshots. */
export function diffTraceIds(before: ReadonlySet<string>, after: ReadonlySet<string>): TraceIdDiff {
  const added = [...after].filter(id => !before.has(id))
  const removed = [...before].filter(id => !after.has(id))
  return {added, removed}
}

/**
 * Watch a store's files and call `onChange` once per burst of writes.
 *
 * One Kolo commit touches db.sqlite3, -wal and -shm (or a raw/ file and the index), so events are
 * debounced. Paths that cannot be watched (gone, unsupported) are skipped: the list still works,
 * it just does not update live. Returns a function that stops watching.
 */
export function watchStore(store: StoreHandle, onChange: () => void, debounceMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined
  const fire = () => {
    clearTimeout(timer)
    timer = setTimeout(onChange, debounceMs)
    timer.unref()
  }
  const watchers: FSWatcher[] = []
  for (const watched of store.watchPaths()) {
    try {
      const watcher = watch(watched, {persistent: false}, fire)
      watcher.on('error', () => watcher.close())
      watchers.push(watcher)
    } catch {
      // Not watchable here (missing, or a platform without recursive watch): no live updates.
    }
  }
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}
