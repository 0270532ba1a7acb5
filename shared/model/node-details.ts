import type {PyValue} from '../values/py-value'
import type {NodeKindName} from './node-kind'

/**
 * Everything known about one node, decoded on demand when the UI selects it.
 *
 * Values are tagged PyValues; text fields Kolo always writes as str stay plain strings.
 */
export type NodeDetails =
  | FrameDetails
  | RequestDetails
  | SqlDetails
  | OutboundDetails
  | TemplateDetails
  | LogDetails
  | ExceptionDetails
  | TestDetails
  | JobDetails
  | OtherDetails

/** Fields every node has. */
export interface NodeDetailsBase {
  nodeId: number
  kind: NodeKindName
  name: string
  frameId?: string
  /** The file and line a UI would open for this node (frame: its def; SQL/log: the user call site). */
  file?: string
  fileId?: number
  line?: number
  /** The user-code frame that issued this node and its line there (Kolo's user_code_call_site). */
  callSite?: CallSite
  startNs: number
  endNs: number
  unfinished?: boolean
}

/** Kolo's user_code_call_site, resolved to a node when that frame is in the tree. */
export interface CallSite {
  frameId: string
  line: number
  nodeId?: number
  file?: string
  fileId?: number
}

/** A Python function call. */
export interface FrameDetails extends NodeDetailsBase {
  kind: 'frame'
  qualname?: string
  coName: string
  /** The frame's locals at the call: its arguments. */
  args?: PyValue
  /** The frame's locals at the return, minus the arguments that did not change. */
  locals?: PyValue
  returnValue?: PyValue
  /** The line of the return (or raise) record. */
  returnLine?: number
  /** Set when the frame raised the request's uncaught exception, or is on its path. */
  exceptionMessage?: string
  /** sys.monitoring `unwind`/`throw` events carry the exception instead of a return value. */
  raised?: PyValue
}

/** An inbound HTTP request served by Django, with its response. */
export interface RequestDetails extends NodeDetailsBase {
  kind: 'request'
  method: string
  path: string
  scheme?: string
  headers: PyValue
  body?: PyValue
  queryParams?: PyValue
  postData?: PyValue
  response?: {
    status?: number
    headers: PyValue
    content?: PyValue
    durationMs?: number
    urlPattern?: PyValue
  }
}

/** One SQL query with what it returned. */
export interface SqlDetails extends NodeDetailsBase {
  kind: 'sql'
  query: string
  template?: string
  database?: string
  params?: PyValue
  /** query_data as Kolo recorded it: chunks of row tuples for SELECT, else a tuple, int or None. */
  data?: PyValue
}

/** An outbound HTTP call (requests, urllib, urllib3, httpx). */
export interface OutboundDetails extends NodeDetailsBase {
  kind: 'outbound'
  library?: string
  method: string
  url: string
  headers: PyValue
  body?: PyValue
  response?: {status?: number; headers: PyValue; body?: PyValue}
}

/** A Django template render. */
export interface TemplateDetails extends NodeDetailsBase {
  kind: 'template'
  template?: string
  context?: PyValue
  returnContext?: PyValue
}

/** A log_message record. */
export interface LogDetails extends NodeDetailsBase {
  kind: 'log'
  logger: string
  level: string
  msg: PyValue
  args?: PyValue
  extra?: PyValue
  stack?: PyValue
  traceback?: PyValue
}

/** An uncaught exception as Django's handle_uncaught_exception recorded it. */
export interface ExceptionDetails extends NodeDetailsBase {
  kind: 'exception'
  summary: string[]
  traceback: string[]
  frames: ExceptionFrame[]
  /** The frame node where it was raised, when found in the tree. */
  originNodeId?: number
}

/** One entry of an exception's frames, outermost first. */
export interface ExceptionFrame {
  path: string
  line: number
  coName: string
  locals?: PyValue
  nodeId?: number
  fileId?: number
}

/** A test case (start_test … end_test). */
export interface TestDetails extends NodeDetailsBase {
  kind: 'test'
  testName: string
  testClass?: string
}

/** A background job (celery, huey). */
export interface JobDetails extends NodeDetailsBase {
  kind: 'job'
  library?: string
  jobName: string
  args?: PyValue
  kwargs?: PyValue
}

/** Any other node: flushed subtrees, thread roots. */
export interface OtherDetails extends NodeDetailsBase {
  kind: 'flushed' | 'thread'
  fields: [string, PyValue][]
}
