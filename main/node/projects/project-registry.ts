import {createHash} from 'node:crypto'
import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import type {ProjectSummary} from '../../../shared/model/trace-summary'

import type {KoloStore} from '../store'

/** An open Kolo store, as main/node/store opens it. */
export type StoreHandle = KoloStore

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
