import type {StateCreator} from 'zustand/vanilla'
import type {TraceEvents} from '../../shared/api/contract'
import {ApiError} from '../../shared/api/errors'
import type {ApiErrorCode} from '../../shared/api/errors'
import {decodeModel} from '../../shared/api/model-codec'
import type {TraceModel} from '../../shared/model/trace-model'
import type {ProjectSummary, TraceSummary} from '../../shared/model/trace-summary'
import type {AppState} from './app-state'
import {evictModel, getModel, putModel} from './model-cache'

/** Progress of a trace load, from the traceLoadProgressed event. */
export interface LoadProgress {
  bytesRead: number
  bytesTotal: number
  records: number
}

/** Where the selected trace's model is. */
export type TraceStatus =
  | {state: 'idle'}
  | {state: 'loading'; projectId: string; traceId: string; progress?: LoadProgress}
  | {state: 'ready'; projectId: string; traceId: string}
  | {state: 'failed'; projectId: string; traceId: string; code: ApiErrorCode; message: string}

/** Where a list (projects, a project's traces) is. */
export type ListStatus =
  {state: 'idle' | 'loading' | 'ready'} | {state: 'failed'; code: ApiErrorCode; message: string}

/** The loaded prefix of one project's trace list, newest first. */
export interface TraceList {
  traces: TraceSummary[]
  /** How many traces the project has in all (the pager loads more on scroll). */
  total: number
  status: ListStatus
}

/** Projects, their trace lists and the selected trace's load status. */
export interface TracesSlice {
  projects: ProjectSummary[]
  projectsStatus: ListStatus
  /** Trace lists by project id. */
  traceLists: Record<string, TraceList | undefined>
  traceStatus: TraceStatus
  loadProjects: () => Promise<void>
  /** (Re)load a project's list from the top, keeping at least as many rows as are loaded. */
  loadTraceList: (projectId: string) => Promise<void>
  /** Load the next page of a project's list, if there is one and no page is in flight. */
  loadMoreTraces: (projectId: string) => Promise<void>
  /** Load a trace's model into the model cache (used by selectTrace; retries after a failure). */
  loadTrace: (projectId: string, traceId: string) => Promise<void>
  /** Event handlers, wired by createAppStore. */
  onTraceLoadProgressed: (event: TraceEvents['traceLoadProgressed']) => void
  onTracesChanged: (projectId: string, removedIds?: string[]) => void
}

/** Events within this many ms of each other (0: in the same task burst) refresh a list once. */
export const refreshCoalesceMs = 0

/** Rows per listTraces request. */
export const tracePageSize = 200

/** An ApiError's code and message, or 'internal' and the message of anything else thrown. */
export function errorInfo(error: unknown): {code: ApiErrorCode; message: string} {
  if (error instanceof ApiError) return {code: error.code, message: error.message}
  return {code: 'internal', message: error instanceof Error ? error.message : String(error)}
}

// This page among the backend's clients (serve may have several tabs open): a newer load of
// this page cancels its older one, never another tab's.
const clientId = `page-${Math.random().toString(36).slice(2, 10)}`

/** Creates the traces slice. */
export const createTracesSlice: StateCreator<AppState, [], [], TracesSlice> = (set, get) => {
  // A slow response must never overwrite a newer one: each request takes a number and writes only
  // if it is still the latest for its key.
  let loadSeq = 0
  let projectsSeq = 0
  const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const listSeq = new Map<string, number>()
  const listInFlight = new Set<string>()

  const patchList = (projectId: string, patch: Partial<TraceList>): void => {
    const old = get().traceLists[projectId] ?? {traces: [], total: 0, status: {state: 'idle'}}
    set({traceLists: {...get().traceLists, [projectId]: {...old, ...patch}}})
  }

  return {
    projects: [],
    projectsStatus: {state: 'idle'},
    traceLists: {},
    traceStatus: {state: 'idle'},

    loadProjects: async () => {
      // Projects change under the page (opened, closed, a store recreated): the newest answer
      // wins, and a list already shown stays while it is refreshed.
      const seq = ++projectsSeq
      if (get().projectsStatus.state !== 'ready') set({projectsStatus: {state: 'loading'}})
      try {
        const projects = await get().api.listProjects({})
        if (seq === projectsSeq) set({projects, projectsStatus: {state: 'ready'}})
      } catch (error) {
        if (seq === projectsSeq) set({projectsStatus: {state: 'failed', ...errorInfo(error)}})
      }
    },

    loadTraceList: async projectId => {
      const seq = (listSeq.get(projectId) ?? 0) + 1
      listSeq.set(projectId, seq)
      const loaded = get().traceLists[projectId]?.traces.length ?? 0
      const limit = Math.min(10_000, Math.max(tracePageSize, loaded))
      patchList(projectId, {status: {state: 'loading'}})
      try {
        const page = await get().api.listTraces({projectId, offset: 0, limit})
        if (listSeq.get(projectId) !== seq) return
        patchList(projectId, {traces: page.traces, total: page.total, status: {state: 'ready'}})
      } catch (error) {
        if (listSeq.get(projectId) !== seq) return
        patchList(projectId, {status: {state: 'failed', ...errorInfo(error)}})
      }
    },

    loadMoreTraces: async projectId => {
      const list = get().traceLists[projectId]
      if (!list || list.status.state !== 'ready' || list.traces.length >= list.total) return
      if (listInFlight.has(projectId)) return
      listInFlight.add(projectId)
      const seq = listSeq.get(projectId)
      const offset = list.traces.length
      try {
        const page = await get().api.listTraces({projectId, offset, limit: tracePageSize})
        const now = get().traceLists[projectId]
        if (listSeq.get(projectId) !== seq || !now || now.traces.length !== offset) return
        // Traces may have been added meanwhile and shifted the page: skip ids already listed.
        const seen = new Set(now.traces.map(t => t.id))
        const fresh = page.traces.filter(t => !seen.has(t.id))
        patchList(projectId, {traces: [...now.traces, ...fresh], total: page.total})
      } catch (error) {
        patchList(projectId, {status: {state: 'failed', ...errorInfo(error)}})
      } finally {
        listInFlight.delete(projectId)
      }
    },

    loadTrace: async (projectId, traceId) => {
      const seq = ++loadSeq
      if (getModel(projectId, traceId)) {
        set({traceStatus: {state: 'ready', projectId, traceId}})
        return
      }
      set({traceStatus: {state: 'loading', projectId, traceId}})
      try {
        const buffer = await get().api.loadTrace({trace: {projectId, traceId}, client: clientId})
        if (seq !== loadSeq) return
        let model: TraceModel
        try {
          model = decodeModel(buffer)
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error)
          throw new ApiError(
            'bad-trace',
            `Trace ${traceId}: the backend sent a model that cannot be read (${why})`,
          )
        }
        // The server may key a model by another spelling of the id; the selection's id wins.
        putModel(projectId, model.traceId === traceId ? model : {...model, traceId})
        set({traceStatus: {state: 'ready', projectId, traceId}})
      } catch (error) {
        if (seq !== loadSeq) return
        set({traceStatus: {state: 'failed', projectId, traceId, ...errorInfo(error)}})
      }
    },

    onTraceLoadProgressed: event => {
      const status = get().traceStatus
      if (status.state !== 'loading') return
      if (status.projectId !== event.trace.projectId || status.traceId !== event.trace.traceId) {
        return
      }
      const {bytesRead, bytesTotal, records} = event
      set({
        traceStatus: {
          state: 'loading',
          projectId: status.projectId,
          traceId: status.traceId,
          progress: {bytesRead, bytesTotal, records},
        },
      })
    },

    onTracesChanged: (projectId, removedIds) => {
      for (const id of removedIds ?? []) evictModel(projectId, id)
      const {selectedTraceId, selectedProjectId, traceStatus} = get()
      if (
        selectedProjectId === projectId &&
        selectedTraceId !== undefined &&
        removedIds?.includes(selectedTraceId)
      ) {
        // The model is gone from the cache: say why rather than leave an empty view.
        set({
          traceStatus: {
            state: 'failed',
            projectId,
            traceId: selectedTraceId,
            code: 'not-found',
            message: `Trace ${selectedTraceId} was deleted from the store`,
          },
        })
      } else if (
        traceStatus.state === 'failed' &&
        traceStatus.code === 'not-found' &&
        traceStatus.projectId === projectId &&
        selectedProjectId === projectId
      ) {
        // A trace asked for before Kolo committed it (a link, a race): try again now.
        void get().loadTrace(projectId, traceStatus.traceId)
      }
      // One Kolo write arrives as traceAdded and projectChanged together: refetch the list once.
      if (!get().traceLists[projectId] || refreshTimers.has(projectId)) return
      refreshTimers.set(
        projectId,
        setTimeout(() => {
          refreshTimers.delete(projectId)
          void get().loadTraceList(projectId)
        }, refreshCoalesceMs),
      )
    },
  }
}
