import type {SqlAnalysis} from './sql-analysis'

/**
 * Per-trace facts for the insight panels (SQL, HTTP, templates, logs, exceptions, tests).
 *
 * Computed once per built trace in the trace worker; small scalars only. Names, times and files
 * come from the loaded TraceModel (node ids index it); bodies, rows, contexts and tracebacks are
 * fetched per node with getNodeDetails when a panel row is opened.
 */
export interface TraceInsights {
  traceId: string
  sql: SqlInsights
  /** Inbound requests Django served (one per request trace; several in a test trace). */
  requests: RequestInsight[]
  outbound: OutboundInsight[]
  templates: TemplateInsight[]
  logs: LogInsight[]
  exceptions: ExceptionInsight[]
  tests: TestInsight[]
}

/** A place in user code: a frame of the tree (when it is there) and a line in it. */
export interface SiteRef {
  line: number
  /** The frame row, when the frame is in the tree. */
  nodeId?: number
  /** The file as recorded, and its id in the model's strings (for getSource / openInEditor). */
  file?: string
  fileId?: number
  /** The frame's name (qualname), when it is in the tree. */
  name?: string
}

/** The trace's queries in order, and what the analysis found. */
export interface SqlInsights {
  queries: SqlQueryInsight[]
  /** Distinct templates; `SqlQueryInsight.templateId` indexes this. */
  templates: string[]
  analysis: SqlAnalysis
}

/** One query. Its text is the node's name in the model (getNodeDetails has the whole of it). */
export interface SqlQueryInsight {
  nodeId: number
  /** Index into `SqlInsights.templates` (the query itself when Kolo recorded no template). */
  templateId: number
  database?: string
  callSite?: SiteRef
}

/** An inbound request. */
export interface RequestInsight {
  nodeId: number
  method: string
  path: string
  status?: number
  durationMs?: number
  /** The test that made this request (test-client requests in a test trace). */
  testNodeId?: number
}

/** An outbound HTTP call. */
export interface OutboundInsight {
  nodeId: number
  method: string
  url: string
  status?: number
  library?: string
  callSite?: SiteRef
}

/** A template render. */
export interface TemplateInsight {
  nodeId: number
  name: string
  callSite?: SiteRef
}

/** A log record, its message formatted with its arguments as Python's logging does. */
export interface LogInsight {
  nodeId: number
  level: string
  logger: string
  message: string
  callSite?: SiteRef
}

/** An uncaught exception Django handled. */
export interface ExceptionInsight {
  nodeId: number
  /** The last line of the summary: "ValueError: no books to summarise". */
  message: string
  /** The request it broke, and the frame that raised it, when found. */
  requestNodeId?: number
  originNodeId?: number
}

/** A test case and the requests it made. */
export interface TestInsight {
  nodeId: number
  testName: string
  testClass?: string
  requestNodeIds: number[]
}

/** Empty insights, for a trace without any of these (and for fakes). */
export function emptyInsights(traceId: string): TraceInsights {
  return {
    traceId,
    sql: {
      queries: [],
      templates: [],
      analysis: {
        queryCount: 0,
        totalNs: 0,
        groups: [],
        duplicates: [],
        duplicateCount: 0,
        nPlusOne: [],
      },
    },
    requests: [],
    outbound: [],
    templates: [],
    logs: [],
    exceptions: [],
    tests: [],
  }
}
