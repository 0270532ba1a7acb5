import {requestValidators} from '../../../shared/api/contract'
import type {TraceEvents} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {ProjectIndexApi} from '../../../shared/api/project-index-contract'
import {createProjectIndexHost} from '../project-index/index-host'
import type {ProjectIndexHost} from '../project-index/index-host'
import type {IndexQueries, IndexQueryName} from '../project-index/index-protocol'
import type {TraceQueries} from './trace-queries'

/** How the project indexes reach the rest of the service. */
export interface ProjectIndexesDeps {
  /** The user cache folder: indexes live in `<cacheDir>/project-index/`. */
  cacheDir: string
  /** The built index worker (dist/main/project-index-worker.js); without it, inline. */
  workerPath?: string
  /** The LoadGate the trace host counts its loads in: indexing gives way to them. */
  loadGate?: SharedArrayBuffer
  queries: Pick<TraceQueries, 'recordedFile'>
  emit<E extends 'projectIndexProgressed' | 'projectIndexChanged' | 'projectIndexNoticed'>(
    event: E,
    payload: TraceEvents[E],
  ): void
  /** Log a failure no page asked about (a background build that broke). */
  warn(message: string): void
}

/** The project indexes of a service: the API, and what the service tells them. */
export interface ProjectIndexes {
  api: ProjectIndexApi
  /** A project's store opened: open its index and bring it up to date in the background. */
  opened(projectId: string, storePath: string): void
  /** Traces arrived, vanished or changed (no ids: look at every trace). */
  changed(projectId: string, traceIds?: string[]): void
  /** A project was closed. */
  closed(projectId: string): void
  dispose(): Promise<void>
}

/**
 * Every open project gets an index in the user cache folder, built in a worker thread while the
 * app stays usable, and kept up to date as Kolo writes; its progress, notices and changes become
 * API events. Queries on a project whose index is not open yet say so ('unavailable').
 */
export function createProjectIndexes(deps: ProjectIndexesDeps): ProjectIndexes {
  const host: ProjectIndexHost = createProjectIndexHost({
    cacheDir: deps.cacheDir,
    workerPath: deps.workerPath,
    loadGate: deps.loadGate,
  })
  // Per project: its index opening (queries wait for it), or undefined once closed.
  const ready = new Map<string, Promise<unknown>>()
  const off = host.onEvent(event => {
    const {projectId} = event
    if (event.type === 'progress') {
      deps.emit('projectIndexProgressed', {projectId, progress: event.progress})
    } else if (event.type === 'notice') {
      deps.emit('projectIndexNoticed', {projectId, notice: event.notice})
    } else deps.emit('projectIndexChanged', {projectId, traceIds: event.traceIds})
  })
  const background = (projectId: string, work: Promise<unknown>) =>
    work.catch((error: unknown) => {
      if (!ready.has(projectId)) return // closed meanwhile
      deps.warn(`project index of ${projectId}: ${(error as Error).message}`)
    })
  const opened = async (projectId: string) => {
    const open = ready.get(projectId)
    if (!open) throw new ApiError('unavailable', `Project ${projectId} has no index (yet)`)
    await open
  }
  const query = async <N extends IndexQueryName>(
    projectId: string,
    name: N,
    req: IndexQueries[N]['req'],
  ): Promise<IndexQueries[N]['res']> => {
    await opened(projectId)
    return host.query(projectId, name, req)
  }

  return {
    opened(projectId, storePath) {
      if (ready.has(projectId)) return
      const open = host.open(projectId, storePath)
      ready.set(projectId, open)
      void background(
        projectId,
        open.then(() => host.build(projectId)),
      )
    },
    changed(projectId, traceIds) {
      const open = ready.get(projectId)
      if (!open) return
      void background(
        projectId,
        open.then(() => (traceIds ? host.update(projectId, traceIds) : host.build(projectId))),
      )
    },
    closed(projectId) {
      if (!ready.delete(projectId)) return
      void host.close(projectId).catch(() => undefined)
    },
    async dispose() {
      off()
      ready.clear()
      await host.dispose()
    },
    api: {
      async getProjectOverview(req) {
        const {projectId} = requestValidators.getProjectOverview(req)
        return query(projectId, 'overview', {})
      },
      async getProjectOverlap(req) {
        const {projectId, traceIds, limit} = requestValidators.getProjectOverlap(req)
        return query(projectId, 'overlap', {traceIds, limit})
      },
      async getLineMarks(req) {
        const {trace, fileId, traceIds} = requestValidators.getLineMarks(req)
        const file = await deps.queries.recordedFile(trace, fileId)
        if (file === undefined) {
          throw new ApiError('forbidden', `File #${fileId} is not a file of trace ${trace.traceId}`)
        }
        return query(trace.projectId, 'lineMarks', {file, traceIds})
      },
      async getFunctionHistory(req) {
        const {projectId, ...history} = requestValidators.getFunctionHistory(req)
        return query(projectId, 'history', history)
      },
      async searchProject(req) {
        const {projectId, query: text, limit} = requestValidators.searchProject(req)
        return query(projectId, 'search', {query: text, limit})
      },
      async getProjectIndexStatus(req) {
        const {projectId} = requestValidators.getProjectIndexStatus(req)
        return query(projectId, 'status', {})
      },
    },
  }
}
