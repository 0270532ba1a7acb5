import {useEffect, useState} from 'react'
import type {TraceClient} from '../../shared/api/contract'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import {errorInfo} from './traces-slice'
import {selectedTraceReady} from './model-cache'
import {useAppStore} from './use-app-store'

/** Where a trace's insights are. */
export type InsightsStatus =
  | {state: 'idle'}
  | {state: 'loading'}
  | {state: 'ready'; insights: TraceInsights}
  | {state: 'failed'; message: string}

// Insights are immutable for a loaded trace: one promise per trace, a few traces kept.
const capacity = 8
const cache = new Map<string, Promise<TraceInsights>>()

/** Fetch (once) the insights of a trace; a failed request is not cached. */
export function fetchInsights(
  api: TraceClient,
  projectId: string,
  traceId: string,
): Promise<TraceInsights> {
  const key = `${projectId}\u0000${traceId}`
  let p = cache.get(key)
  if (p) {
    cache.delete(key)
    cache.set(key, p)
    return p
  }
  p = api.getTraceInsights({trace: {projectId, traceId}})
  p.catch(() => cache.delete(key))
  cache.set(key, p)
  while (cache.size > capacity) cache.delete(cache.keys().next().value!)
  return p
}

/** Forget a trace's insights (it was replaced), or all of them. */
export function clearInsights(traceId?: string): void {
  for (const key of [...cache.keys()]) {
    if (traceId === undefined || key.endsWith(`\u0000${traceId}`)) cache.delete(key)
  }
}

/** The selected trace's insights, fetched once its model is ready. */
export function useTraceInsights(): InsightsStatus {
  const api = useAppStore(s => s.api)
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => (selectedTraceReady(s) ? s.selectedTraceId : undefined))
  const key = projectId !== undefined && traceId !== undefined ? `${projectId}/${traceId}` : ''
  const [status, setStatus] = useState<{key: string; status: InsightsStatus}>({
    key: '',
    status: {state: 'idle'},
  })
  useEffect(() => {
    if (!key || projectId === undefined || traceId === undefined) return
    let live = true
    fetchInsights(api, projectId, traceId).then(
      insights => live && setStatus({key, status: {state: 'ready', insights}}),
      (error: unknown) =>
        live && setStatus({key, status: {state: 'failed', message: errorInfo(error).message}}),
    )
    return () => {
      live = false
    }
  }, [api, key, projectId, traceId])
  if (!key) return {state: 'idle'}
  return status.key === key ? status.status : {state: 'loading'}
}
