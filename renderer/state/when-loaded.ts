import type {StoreApi} from 'zustand/vanilla'
import {traceRef} from '../../shared/model/trace-ref'
import type {AppState} from './app-state'
import {loadStatusOf} from './selectors'

/**
 * Resolves true once the selected trace is `traceId` of `projectId` with its model ready; false
 * as soon as another trace is selected or the load fails. (A frame or node id means something
 * only in a loaded model.)
 */
export function whenTraceLoaded(
  store: Pick<StoreApi<AppState>, 'getState' | 'subscribe'>,
  projectId: string,
  traceId: string,
): Promise<boolean> {
  return new Promise(resolve => {
    const check = (s: AppState): boolean => {
      if (s.selectedProjectId !== projectId || s.selectedTraceId !== traceId) return settle(false)
      const status = loadStatusOf(s, traceRef(projectId, traceId))
      if (status.state === 'ready') return settle(true)
      if (status.state === 'failed') return settle(false)
      return false
    }
    let off = (): void => undefined
    const settle = (ok: boolean): boolean => {
      off()
      resolve(ok)
      return true
    }
    if (!check(store.getState())) off = store.subscribe(check)
  })
}
