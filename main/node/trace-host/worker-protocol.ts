import type {ApiErrorShape} from '../../../shared/api/errors'
import type {LoadProgress, LoadRequest} from './trace-engine'
import type {TraceOp} from './trace-ops'

/** A message from the host to the trace worker. */
export type ToWorker =
  | {type: 'load'; id: number; req: LoadRequest; cancel: SharedArrayBuffer}
  | {type: 'ask'; id: number; req: LoadRequest; op: TraceOp; args: unknown}

/** A message from the trace worker to the host. */
export type FromWorker =
  | {type: 'progress'; id: number; progress: LoadProgress}
  | {type: 'result'; id: number; ok: true; value: unknown}
  | {type: 'result'; id: number; ok: false; error: ApiErrorShape}

/** What the host passes as `workerData`. */
export interface WorkerInit {
  cacheDir?: string
}
