import type {TraceModel} from '../../shared/model/trace-model'
import type {AppState} from './app-state'
import type {TraceStatus} from './traces-slice'
import {useAppStore} from './use-app-store'

// The typed-array model is big and hot, so it lives here rather than in zustand state: the store
// only says which trace is ready, and views read the arrays from this cache. A few recent models
// are kept so that switching back to a trace is instant; older ones are dropped to bound memory.
const capacity = 3
// Keyed by project and trace: two stores can hold the same trace id (a copied store, a
// generator's fixed id), and each must show its own trace.
const models = new Map<string, TraceModel>()
const keyOf = (projectId: string, traceId: string): string => `${projectId}\u0000${traceId}`

/** The loaded model of a project's trace, if it is in the cache. */
export function getModel(
  projectId: string | undefined,
  traceId: string | undefined,
): TraceModel | undefined {
  if (projectId === undefined || traceId === undefined) return undefined
  return models.get(keyOf(projectId, traceId))
}

/** Put a project's model in the cache (most recent last), evicting the oldest beyond capacity. */
export function putModel(projectId: string, model: TraceModel): void {
  const key = keyOf(projectId, model.traceId)
  models.delete(key)
  models.set(key, model)
  while (models.size > capacity) {
    const oldest = models.keys().next().value
    if (oldest === undefined) break
    models.delete(oldest)
  }
}

const instanceKeys = new WeakMap<TraceModel, string>()
let instances = 0

/**
 * A React key for views of one loaded model: unique per model object, so a view remounts when
 * the model changes even if the trace id does not (the same id in another project, a reload).
 */
export function modelKey(model: TraceModel): string {
  let key = instanceKeys.get(model)
  if (key === undefined) instanceKeys.set(model, (key = `${model.traceId}#${++instances}`))
  return key
}

/** Drop one trace's model (it was deleted or replaced), or all of them. */
export function evictModel(projectId?: string, traceId?: string): void {
  if (projectId === undefined || traceId === undefined) models.clear()
  else models.delete(keyOf(projectId, traceId))
}

/** Whether the selected trace (of the selected project) has its model ready. */
export function selectedTraceReady(s: AppState): boolean {
  const status = s.traceStatus
  return (
    status.state === 'ready' &&
    status.projectId === s.selectedProjectId &&
    status.traceId === s.selectedTraceId
  )
}

const idle: TraceStatus = {state: 'idle'}

/** The load status of the selected trace; idle when the status is of another trace. */
export function selectedTraceStatus(s: AppState): TraceStatus {
  const status = s.traceStatus
  if (status.state === 'idle') return status
  const selected = status.projectId === s.selectedProjectId && status.traceId === s.selectedTraceId
  return selected ? status : idle
}

/** The model of the selected trace once it is ready, else undefined; re-renders when that changes. */
export function useCurrentModel(): TraceModel | undefined {
  const ready = useAppStore(selectedTraceReady)
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => s.selectedTraceId)
  return ready ? getModel(projectId, traceId) : undefined
}
