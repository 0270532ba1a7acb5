import type {ApiErrorShape} from '../../../shared/api/errors'
import type {LoadProgress, LoadRequest} from './load-types'
import type {TraceOp} from './trace-ops'

/** A message from the host to the trace worker. */
export type ToWorker =
  | {
      type: 'load'
      id: number
      req: LoadRequest
      cancel: SharedArrayBuffer
      /** Post a preview of the first rows while a big body is read. */
      preview: boolean
    }
  | {type: 'ask'; id: number; req: LoadRequest; op: TraceOp; args: unknown}
  /** Finish what loads left for later (model cache writes), then answer. */
  | {type: 'idle'; id: number}

/** A message from the trace worker to the host. */
export type FromWorker =
  | {type: 'progress'; id: number; progress: LoadProgress}
  /** The first rows of load `id` (a framed model with meta.partial), transferred. */
  | {type: 'preview'; id: number; value: ArrayBuffer}
  | {type: 'result'; id: number; ok: true; value: unknown}
  | {type: 'result'; id: number; ok: false; error: ApiErrorShape}

/** What the host passes as `workerData`. */
export interface WorkerInit {
  cacheDir?: string
  /** EngineOptions.modelCacheBytes. */
  modelCacheBytes?: number
  /** EngineOptions.previewRecords. */
  previewRecords?: number
  /** A LoadGate's buffer: loads are counted there, for the project index to wait on. */
  loadGate?: SharedArrayBuffer
}
