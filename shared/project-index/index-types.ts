/**
 * What the project index answers: the wire shapes of the overview, overlap, history and palette.
 *
 * All JSON-safe. Times on a project's timeline are epoch ms (`startMs`, `endMs`); durations of
 * calls are ns, as in a trace. Node ids are rows of the trace's model as loaded for its main
 * thread (the thread Kolo shows), so `{traceId, nodeId}` opens the very execution.
 */

/** What a timeline item stands for. */
export type IndexItemKind = 'request' | 'test' | 'job' | 'script'

/** One bar on the project timeline: a served request, a test, a job, or a whole script trace. */
export interface TimelineItem {
  traceId: string
  /** The item's node in the trace; -1 for a script trace (the whole trace is the item). */
  nodeId: number
  kind: IndexItemKind
  startMs: number
  endMs: number
  /** "GET /books/1/", a test name, a job name, or the trace's name. */
  label: string
  status?: number
  /** The endpoint it belongs to (EndpointStats.endpoint): requests and jobs. */
  endpoint?: string
  /** Status ≥ 500 or an uncaught exception inside. */
  error: boolean
  /** Inside another item of the same trace (a test's request, a request's job). */
  nested: boolean
}

/** Where an endpoint's route came from. */
export type RouteSource = 'pattern' | 'path' | 'job'

/** Per endpoint (method + Django route pattern, or a normalised path): what its requests did. */
export interface EndpointStats {
  /** "GET /books/<int:book_id>/", or "job shop.tasks.send_mail". */
  endpoint: string
  method?: string
  route: string
  routeSource: RouteSource
  count: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  /** Mean SQL queries per request. */
  queriesPerRequest: number
  /** Requests with status ≥ 500 or an uncaught exception. */
  errors: number
  /** N+1 findings summed over the requests. */
  nPlusOne: number
  /** Duration over time, oldest first, at most ~40 points (mean of each time bucket). */
  series: {startMs: number; durationMs: number}[]
  lastMs: number
}

/** A message about the index the UI should show. */
export interface IndexNotice {
  level: 'error' | 'warning' | 'info'
  code: 'trace-failed' | 'store-missing' | 'index-rebuilt' | 'build-failed'
  message: string
  traceId?: string
}

/** Where an index build is. */
export type IndexPhase = 'idle' | 'indexing' | 'done' | 'cancelled' | 'store-missing' | 'failed'

/** Progress of a build: traces done (indexed, failed or skipped as current) of those to do. */
export interface IndexProgress {
  phase: IndexPhase
  done: number
  total: number
  failed: number
}

/** The state of a project's index. */
export interface IndexStatus {
  progress: IndexProgress
  /** Traces in the index with their facts, and traces that failed to decode. */
  indexed: number
  failed: number
  /** The failed traces (newest first, at most 100) and other notices of the last build. */
  notices: IndexNotice[]
}

/** What opening a project shows. */
export interface ProjectOverview {
  items: TimelineItem[]
  endpoints: EndpointStats[]
  status: IndexStatus
}

/** One function, SQL fingerprint or template, across the selected traces. */
export interface OverlapEntry {
  /** Qualname, normalised SQL, or template name. */
  label: string
  file?: string
  line?: number
  /** In how many of the selected traces it ran. */
  traces: number
  calls: number
  totalNs: number
  /** SQL: rows returned in all (of the queries whose rows Kolo recorded). */
  rows?: number
  /** The one trace it ran in, when `traces` is 1. */
  traceId?: string
}

/** Entries shared by several selected traces, and those of one trace only. */
export interface OverlapGroup {
  shared: OverlapEntry[]
  unique: OverlapEntry[]
  sharedCount: number
  uniqueCount: number
}

/** Where the selected traces overlap in code. */
export interface ProjectOverlap {
  /** Selected traces found in the index. */
  traceCount: number
  functions: OverlapGroup
  sql: OverlapGroup
  templates: OverlapGroup
  /** Outbound HTTP hosts (`api.example.com:443`). */
  hosts: OverlapGroup
}

/** "Ran in N of M requests" per line of one file, for the frame view's gutter. */
export interface LineMarks {
  file: string
  traceCount: number
  lines: {line: number; traces: number}[]
}

/** Why a call of a function's history stands out. */
export type OutlierMark = 'slow' | 'exception' | 'unusual-return'

/** One call of a function, as the index keeps it: bounded previews of its values. */
export interface HistoryCall {
  traceId: string
  traceName: string
  nodeId: number
  frameId?: string
  startMs: number
  durationNs: number
  args?: string
  returnValue?: string
  exception?: string
  outliers: OutlierMark[]
}

/** The last calls of a function across the project, newest first. */
export interface FunctionHistory {
  qualname: string
  file?: string
  /** The `def` line, and the last line it was seen returning from. */
  line?: number
  endLine?: number
  /** Calls of it in the indexed traces (all of them, not only the kept ones). */
  totalCalls: number
  /** Over the kept calls the outliers were judged against. */
  medianNs?: number
  p95Ns?: number
  typicalReturn?: string
  calls: HistoryCall[]
}

/** What the palette finds. */
export type PaletteKind = 'trace' | 'function' | 'file' | 'sql' | 'exception'

/** One palette result; the fields set depend on the kind. */
export interface PaletteItem {
  kind: PaletteKind
  label: string
  detail?: string
  score: number
  /** trace: the trace; sql/exception: a trace it ran in, and the node (exception). */
  traceId?: string
  nodeId?: number
  qualname?: string
  file?: string
  line?: number
}

/** Results of one kind, best first. */
export interface PaletteGroup {
  kind: PaletteKind
  items: PaletteItem[]
  /** More matched than are listed. */
  more: boolean
}

/** Grouped palette results; groups without results are left out. */
export interface PaletteResult {
  query: string
  groups: PaletteGroup[]
}
