import type {StateCreator} from 'zustand/vanilla'
import type {TraceModel} from '../../shared/model/trace-model'
import type {TraceRef} from '../../shared/model/trace-ref'
import {traceKey, traceRef} from '../../shared/model/trace-ref'
import type {AppState, TraceList, TraceStatus, TracesSlice} from './app-state'
import {errorInfo} from './error-info'
import {mainPane, selectedTrace} from './selectors'
import {loadModelProgressively} from './trace-resources'

/** Events within this many ms of each other (0: in the same task burst) refresh a list once. */
export const refreshCoalesceMs = 0

/** Rows per listTraces request. */
export const tracePageSize = 200

const freshCapacity = 50

/** Creates the traces slice: trace lists, and where each trace's model is. */
export const createTracesSlice: StateCreator<AppState, [], [], TracesSlice> = (set, get) => {
  // This page among the backend's clients (serve may have several tabs open), and each pane of
  // it: a newer load of a pane cancels that pane's older one, never another pane's or tab's.
  const page = `page-${Math.random().toString(36).slice(2, 10)}`
  const clientOf = (pane: string): string => (pane === mainPane ? page : `${page}:${pane}`)
  // The client each loading trace's load runs for (by traceKey): Cancel names it to the backend.
  const loadingClients = new Map<string, {client: string}>()
  // Bumped by Cancel (by traceKey): a load started before it no longer speaks for the trace.
  const cancels = new Map<string, number>()
  // A slow list response must never overwrite a newer one: each request takes a number and
  // writes only if it is still the latest for its project.
  const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>()
  const listSeq = new Map<string, number>()
  const listInFlight = new Set<string>()

  const patchList = (projectId: string, patch: Partial<TraceList>): void => {
    const old = get().traceLists[projectId] ?? {traces: [], total: 0, status: {state: 'idle'}}
    set({traceLists: {...get().traceLists, [projectId]: {...old, ...patch}}})
  }
  const setLoad = (trace: TraceRef, status: TraceStatus | undefined): void => {
    const loads = {...get().traceLoads}
    if (status) loads[traceKey(trace)] = status
    else delete loads[traceKey(trace)]
    set({traceLoads: loads})
  }
  const loadOf = (trace: TraceRef): TraceStatus | undefined => get().traceLoads[traceKey(trace)]

  return {
    traceLists: {},
    traceLoads: {},
    freshTraceIds: [],

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

    loadTrace: async (trace, pane = mainPane) => {
      const {api, resources} = get()
      const ref = traceRef(trace.projectId, trace.traceId, trace.thread)
      if (resources.peek('model', ref)) {
        if (loadOf(ref)?.state !== 'ready') setLoad(ref, {state: 'ready', trace: ref})
        return
      }
      // Each trace has its own status, so a slow load never overwrites another trace's; a load
      // already in flight (another pane's) is shared through the cache.
      if (loadOf(ref)?.state !== 'loading') setLoad(ref, {state: 'loading', trace: ref})
      const cancelsBefore = cancels.get(traceKey(ref)) ?? 0
      const stale = (): boolean => (cancels.get(traceKey(ref)) ?? 0) !== cancelsBefore
      // A big trace shows its first rows while the rest loads: the preview goes to the cache and
      // the status says it is there (every pane showing this trace sees it).
      const showPreview = (preview: TraceModel): void => {
        const status = loadOf(ref)
        if (status?.state !== 'loading' || stale()) return
        resources.put('preview', ref, '', preview)
        setLoad(ref, {...status, preview: true})
      }
      try {
        const model = await resources.fetch('model', ref, '', () => {
          const running = {client: clientOf(pane)}
          loadingClients.set(traceKey(ref), running)
          return loadModelProgressively(api, ref, running.client, showPreview).finally(() => {
            if (loadingClients.get(traceKey(ref)) === running) loadingClients.delete(traceKey(ref))
          })
        })
        if (stale()) return
        resources.evict('preview', ref)
        if (model.meta.koloVersion !== undefined) {
          get().rememberKoloVersion(ref.projectId, model.meta.koloVersion)
        }
        // Deleted while it loaded: the deletion's word stands.
        if (loadOf(ref)?.state === 'loading') setLoad(ref, {state: 'ready', trace: ref})
        // The list row of a big body was read cheaply (not counted yet); the load completed it.
        const row = get().traceLists[ref.projectId]?.traces.find(t => t.id === ref.traceId)
        if (row?.partial) void get().loadTraceList(ref.projectId)
      } catch (error) {
        if (stale()) return
        resources.evict('preview', ref)
        const info = errorInfo(error)
        if (loadOf(ref)?.state !== 'loading') return
        // Superseded by a newer load of the same pane: nobody waits for it any more.
        if (info.code === 'cancelled') setLoad(ref, undefined)
        else setLoad(ref, {state: 'failed', trace: ref, ...info})
      }
    },

    cancelTraceLoad: trace => {
      const status = loadOf(trace)
      if (status?.state !== 'loading') return
      const {api, resources} = get()
      const key = traceKey(trace)
      const client = loadingClients.get(key)?.client
      loadingClients.delete(key)
      cancels.set(key, (cancels.get(key) ?? 0) + 1)
      // The load in flight leaves the cache, so opening the trace again starts a fresh one.
      resources.evict('model', trace)
      resources.evict('preview', trace)
      setLoad(status.trace, {
        state: 'failed',
        trace: status.trace,
        code: 'cancelled',
        message: 'You stopped loading this trace.',
      })
      // The load's own answer (its rejection 'cancelled') is stale now: the status stays.
      if (client !== undefined) {
        api.cancelTraceLoad({trace: status.trace, client}).catch(() => undefined)
      }
    },

    onTraceLoadProgressed: event => {
      const status = loadOf(event.trace)
      if (status?.state !== 'loading') return
      const {bytesRead, bytesTotal, records, fraction} = event
      const progress = {bytesRead, bytesTotal, records, ...(fraction !== undefined && {fraction})}
      setLoad(status.trace, {...status, progress})
    },

    onModelEvicted: trace => {
      if (loadOf(trace)?.state === 'ready') setLoad(trace, undefined)
    },

    onTracesAdded: (projectId, traceIds) => {
      if (traceIds.length === 0) return
      const fresh = [...traceIds, ...get().freshTraceIds].slice(0, freshCapacity)
      set({freshTraceIds: fresh})
      const {settings, selectedProjectId} = get()
      // Kolo names them newest first: follow the newest of the batch.
      if (settings?.followLatest === true && selectedProjectId === projectId) {
        get().selectTrace(projectId, traceIds[0]!)
      }
    },

    onTracesChanged: (projectId, removedIds) => {
      const removed = new Set(removedIds)
      if (removed.size > 0) {
        // A model gone from the cache: say why rather than leave an empty view.
        const loads = {...get().traceLoads}
        for (const [key, status] of Object.entries(loads)) {
          if (!status || status.state === 'idle') continue
          const {trace} = status
          if (trace.projectId !== projectId || !removed.has(trace.traceId)) continue
          loads[key] = {
            state: 'failed',
            trace,
            code: 'not-found',
            message: `Trace ${trace.traceId} was deleted from the store`,
          }
        }
        set({traceLoads: loads})
        for (const id of removed) get().resources.evictTrace(projectId, id)
      }
      const shown = selectedTrace(get())
      const status = shown && loadOf(shown)
      if (
        shown?.projectId === projectId &&
        !removed.has(shown.traceId) &&
        status?.state === 'failed' &&
        status.code === 'not-found'
      ) {
        // A trace asked for before Kolo committed it (a link, a race): try again now.
        void get().loadTrace(shown)
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
