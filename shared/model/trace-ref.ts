/**
 * One trace, named as a value: which project, which trace, which thread of it.
 *
 * Every API call that concerns a trace carries one, so no side keeps a "current trace" and
 * several traces (of several projects) can be open at once. `thread` undefined means the thread
 * Kolo shows (kolo-format.md §6); '*' asks for every thread.
 */
export interface TraceRef {
  projectId: string
  traceId: string
  thread?: string
}

/** The one cache key of a trace: project, trace and thread, NUL-separated (ids hold no NUL). */
export function traceKey(ref: TraceRef): string {
  return `${ref.projectId}\u0000${ref.traceId}\u0000${ref.thread ?? ''}`
}

/** Whether two refs name the same trace and thread. */
export function sameTrace(a: TraceRef | undefined, b: TraceRef | undefined): boolean {
  return a !== undefined && b !== undefined && traceKey(a) === traceKey(b)
}

/** A plain copy holding only the ref's own fields (a request object may carry more). */
export function traceRef(projectId: string, traceId: string, thread?: string): TraceRef {
  return thread === undefined ? {projectId, traceId} : {projectId, traceId, thread}
}
