import type {ApiErrorShape} from '../../../shared/api/errors'
import type {
  FunctionHistory,
  IndexNotice,
  IndexProgress,
  IndexStatus,
  LineMarks,
  PaletteResult,
  ProjectOverlap,
  ProjectOverview,
} from '../../../shared/project-index/index-types'
import type {BuildResult} from './index-builder'
import type {HistoryRequest} from './history-queries'
import type {Selection} from './overlap-queries'
import type {PaletteRequest} from './palette-queries'
import type {IndexCaps} from './index-caps'

/** The queries of a project index: request and response per name. */
export interface IndexQueries {
  overview: {req: Record<string, never>; res: ProjectOverview}
  overlap: {req: Selection & {limit?: number}; res: ProjectOverlap}
  lineMarks: {req: Selection & {file: string}; res: LineMarks}
  history: {req: HistoryRequest; res: FunctionHistory}
  search: {req: PaletteRequest; res: PaletteResult}
  status: {req: Record<string, never>; res: IndexStatus}
}

/** One query name. */
export type IndexQueryName = keyof IndexQueries

/** A query as it travels: its name and its request. */
export type IndexQuery = {
  [N in IndexQueryName]: {name: N; req: IndexQueries[N]['req']}
}[IndexQueryName]

/**
 * A message to the project-index worker. Each carries an `id` its result answers. `open` must
 * come first for a project; `build` and `update` answer when that build ends (BuildResult).
 */
export type ToIndexWorker =
  | {type: 'open'; id: number; projectId: string; storePath: string}
  | {type: 'build'; id: number; projectId: string}
  | {type: 'update'; id: number; projectId: string; traceIds: string[]}
  | {type: 'cancel'; id: number; projectId: string}
  | {type: 'query'; id: number; projectId: string; query: IndexQuery}
  | {type: 'close'; id: number; projectId: string}
  /** Close every index (marked clean), before the host terminates the worker. */
  | {type: 'dispose'; id: number}

/** A message from the project-index worker: a result, or an event about a project's index. */
export type FromIndexWorker =
  | {type: 'result'; id: number; ok: true; value: unknown}
  | {type: 'result'; id: number; ok: false; error: ApiErrorShape}
  | IndexEventMessage

/** The events, each naming its project. */
export type IndexEventMessage =
  /** Build progress (at most ~10 a second, and always the last). */
  | {type: 'progress'; projectId: string; progress: IndexProgress}
  /** Something the user should know: a trace that failed, a missing store, a rebuilt index. */
  | {type: 'notice'; projectId: string; notice: IndexNotice}
  /** These traces were indexed, re-indexed or removed: refetch what shows them (~4 a second). */
  | {type: 'changed'; projectId: string; traceIds: string[]}

/** What the host passes as `workerData`. */
export interface IndexWorkerInit {
  /** The user cache folder; indexes live in `<cacheDir>/project-index/`. */
  cacheDir: string
  caps?: IndexCaps
  sliceMs?: number
  /** A LoadGate's buffer: indexing waits while the trace worker loads a trace. */
  loadGate?: SharedArrayBuffer
}

export type {BuildResult}
