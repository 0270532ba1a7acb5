import type {TraceModel} from '../../shared/model/trace-model'
import {useAppStore} from './use-app-store'

// The typed-array model is big and hot, so it lives here rather than in zustand state: the store
// only says which trace is ready, and views read the arrays from this cache. A few recent models
// are kept so that switching back to a trace is instant; older ones are dropped to bound memory.
const capacity = 3
const models = new Map<string, TraceModel>()

/** The loaded model of a trace, if it is in the cache. */
export function getModel(traceId: string | undefined): TraceModel | undefined {
  if (traceId === undefined) return undefined
  return models.get(traceId)
}

/** Put a model in the cache (most recent last), evicting the least recently put beyond capacity. */
export function putModel(model: TraceModel): void {
  models.delete(model.traceId)
  models.set(model.traceId, model)
  while (models.size > capacity) {
    const oldest = models.keys().next().value
    if (oldest === undefined) break
    models.delete(oldest)
  }
}

/** Drop one trace's model (it was deleted or replaced), or all of them. */
export function evictModel(traceId?: string): void {
  if (traceId === undefined) models.clear()
  else models.delete(traceId)
}

/** The model of the selected trace once it is ready, else undefined; re-renders when that changes. */
export function useCurrentModel(): TraceModel | undefined {
  const readyId = useAppStore(s =>
    s.traceStatus.state === 'ready' && s.traceStatus.traceId === s.selectedTraceId
      ? s.traceStatus.traceId
      : undefined,
  )
  return getModel(readyId)
}
