/**
 * The kinds of node in a trace tree, as small integers for the columnar model.
 *
 * The numbering is part of the wire format (shared/api/model-codec): append, never renumber.
 */
export const NodeKind = {
  frame: 0,
  request: 1, // nested_served_http_request: django_request … django_response
  sql: 2,
  outbound: 3, // outbound_http_request … outbound_http_response
  template: 4,
  log: 5,
  exception: 6, // the `exception` record, as a leaf where Kolo recorded it
  test: 7,
  job: 8, // nested_background_job
  flushed: 9, // subtree_flushed (Kolo 3.x)
  thread: 10, // synthetic root for another thread's records
} as const

/** One of the NodeKind values. */
export type NodeKindId = (typeof NodeKind)[keyof typeof NodeKind]

/** The name of a node kind, as used in the CLI's JSON and in the UI. */
export type NodeKindName = keyof typeof NodeKind

/** Kind ids to names, indexed by id. */
export const nodeKindNames: readonly NodeKindName[] = Object.entries(NodeKind)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name as NodeKindName)

/** Bit flags per node (the `flags` column). */
export const NodeFlag = {
  /** The node was still open when the records ended (a crashed writer, a recovered container). */
  unfinished: 1,
  /** The frame is on the path of the request's uncaught exception. */
  exceptionPath: 2,
  /** The bottom frame of the uncaught exception: where it was raised. */
  exceptionOrigin: 4,
  /** Library code: the frame's file is outside the project (absolute, `../`, site-packages). */
  library: 8,
  /** An HTTP response with status >= 400, an SQL/log error level, and the like. */
  error: 16,
  /** A log at WARNING level. */
  warning: 32,
} as const
