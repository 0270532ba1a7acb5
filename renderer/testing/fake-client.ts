import {apiMethods} from '../../shared/api/contract'
import type {ApiEvent, TraceApi, TraceClient, TraceEvents} from '../../shared/api/contract'
import {ApiError} from '../../shared/api/errors'
import {encodeModel} from '../../shared/api/model-codec'
import {emptyInsights} from '../../shared/insights/trace-insights'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import type {SourceFile} from '../../shared/api/source-contract'
import type {NodeDetails} from '../../shared/model/node-details'
import type {TraceRef} from '../../shared/model/trace-ref'
import type {TraceModel} from '../../shared/model/trace-model'
import type {ProjectSummary, TraceSummary} from '../../shared/model/trace-summary'

/** A TraceClient over in-memory data, with a way to emit events and to hold responses. */
export interface FakeClient extends TraceClient {
  emit<E extends ApiEvent>(event: E, payload: TraceEvents[E]): void
  calls: {method: keyof TraceApi; req: unknown}[]
}

/** What the fake serves. */
export interface FakeData {
  projects?: ProjectSummary[]
  traces?: Record<string, TraceSummary[]>
  /** Models by trace id, or by `projectId/traceId` where two projects share an id. */
  models?: Record<string, TraceModel>
  /**
   * Previews (models with `meta.partial`) by the same keys: loadTracePreview answers with one,
   * after its own delay. A trace without one answers with its whole model, as a small trace
   * does, after loadTrace's delay.
   */
  previews?: Record<string, TraceModel>
  /** Details per node; `trace` tells apart two projects that share a trace id. */
  details?: (traceId: string, nodeId: number, trace: TraceRef) => NodeDetails | undefined
  /** Insights per trace (default: empty insights). */
  insights?: (traceId: string, trace: TraceRef) => TraceInsights | undefined
  /** Source files per trace and file id (getSource answers not-found otherwise). */
  sources?: (trace: TraceRef, fileId: number) => SourceFile | undefined
  /** Delay per method in ms (default 0). */
  delayMs?: Partial<Record<keyof TraceApi, number>>
  /** Methods to answer differently, or at all (every method not given rejects 'unavailable'). */
  overrides?: Partial<TraceApi>
}

/** A summary row with sensible defaults. */
export function fakeSummary(id: string, extra: Partial<TraceSummary> = {}): TraceSummary {
  return {
    id,
    name: `200 GET /${id}/`,
    createdAt: '2024-01-01T00:00:00Z',
    kind: 'request',
    storage: 'sqlite-msgpack',
    ...extra,
  }
}

/** Make a fake TraceClient. */
export function createFakeClient(data: FakeData): FakeClient {
  const listeners = new Map<ApiEvent, Set<(p: never) => void>>()
  const calls: FakeClient['calls'] = []
  const wait = (m: keyof TraceApi) => new Promise(r => setTimeout(r, data.delayMs?.[m] ?? 0))
  const projects = data.projects ?? [
    {id: 'p1', path: '/tmp/p1', label: 'p1', format: 'kolo-2', traceCount: 0},
  ]
  const modelOf = ({projectId, traceId}: TraceRef): TraceModel => {
    const model = data.models?.[`${projectId}/${traceId}`] ?? data.models?.[traceId]
    if (!model) throw new ApiError('not-found', `No trace ${traceId} in ${projectId}`)
    return model
  }
  const known: Partial<TraceApi> & Omit<FakeClient, keyof TraceApi> = {
    calls,
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload)
    },
    on: (event, listener) => {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
    listProjects: async req => {
      calls.push({method: 'listProjects', req})
      await wait('listProjects')
      return projects
    },
    listTraces: async req => {
      calls.push({method: 'listTraces', req})
      await wait('listTraces')
      const all = data.traces?.[req.projectId] ?? []
      const offset = req.offset ?? 0
      return {traces: all.slice(offset, offset + (req.limit ?? 100)), total: all.length, offset}
    },
    loadTrace: async req => {
      calls.push({method: 'loadTrace', req})
      await wait('loadTrace')
      return encodeModel(modelOf(req.trace))
    },
    loadTracePreview: async req => {
      calls.push({method: 'loadTracePreview', req})
      const {projectId, traceId} = req.trace
      const preview = data.previews?.[`${projectId}/${traceId}`] ?? data.previews?.[traceId]
      await wait(preview ? 'loadTracePreview' : 'loadTrace')
      return encodeModel(preview ?? modelOf(req.trace))
    },
    cancelTraceLoad: async req => {
      calls.push({method: 'cancelTraceLoad', req})
      await Promise.resolve()
      return {cancelled: true}
    },
    getNodeDetails: async req => {
      calls.push({method: 'getNodeDetails', req})
      await wait('getNodeDetails')
      const d = data.details?.(req.trace.traceId, req.nodeId, req.trace)
      if (!d) throw new ApiError('not-found', `No node ${req.nodeId} in trace ${req.trace.traceId}`)
      return d
    },
    getTraceInsights: async req => {
      calls.push({method: 'getTraceInsights', req})
      await wait('getTraceInsights')
      return data.insights?.(req.trace.traceId, req.trace) ?? emptyInsights(req.trace.traceId)
    },
    ...(data.sources && {
      getSource: async req => {
        calls.push({method: 'getSource', req})
        await wait('getSource')
        const file = data.sources?.(req.trace, req.fileId)
        if (!file) throw new ApiError('not-found', `No file ${req.fileId} in ${req.trace.traceId}`)
        return file
      },
    }),
    ...data.overrides,
  }
  // The contract grows; a method the fake does not know answers as a backend without it would.
  const client = known as Record<string, unknown>
  for (const method of apiMethods) {
    client[method] ??= (req: unknown) => {
      calls.push({method, req})
      return Promise.reject(new ApiError('unavailable', `The fake client has no ${method}`))
    }
  }
  return client as unknown as FakeClient
}
