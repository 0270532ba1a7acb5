import type {ApiErrorShape} from '../../../shared/api/errors'
import type {DetailsRequest, LoadProgress, LoadRequest} from './trace-engine'

/** A message from the host to the trace worker. */
export type ToWorker =
  | {type: 'load'; id: number; req: LoadRequest; cancel: SharedArrayBuffer}
  | {type: 'details'; id: number; req: DetailsRequest}
  | {type: 'insights'; id: number; req: LoadRequest}
  | {type: 'findFrame'; id: number; req: LoadRequest & {frameId: string}}

/** A message from the trace worker to the host. */
export type FromWorker =
  | {type: 'progress'; id: number; progress: LoadProgress}
  | {type: 'result'; id: number; ok: true; value: unknown}
  | {type: 'result'; id: number; ok: false; error: ApiErrorShape}

/** What the host passes as `workerData`. */
export interface WorkerInit {
  cacheDir?: string
}
