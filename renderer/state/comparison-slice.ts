import type {StateCreator} from 'zustand/vanilla'
import {endpointKey, normalisePath} from '../../shared/project-index/route-key'
import type {TraceSummary} from '../../shared/model/trace-summary'
import type {AppState, ComparisonSlice} from './app-state'
import {errorInfo} from './error-info'

/** Rows per listTraces request while looking for a previous trace, and how far to look. */
const searchPageSize = 500
const searchLimit = 20_000

/**
 * What makes two traces "the same endpoint": method and route (the path with its ids as
 * placeholders: /books/1/ and /books/2/ are one endpoint), else the name (tests, scripts).
 */
export function endpointOf(trace: TraceSummary): string {
  if (trace.method !== undefined && trace.path !== undefined) {
    return endpointKey(trace.method, normalisePath(trace.path))
  }
  return `${trace.kind} ${trace.name}`
}

/**
 * The previous trace of `traceId`'s endpoint in a newest-first list: the first trace after it
 * with the same endpoint. Undefined when the trace is not listed or nothing older matches.
 */
export function previousOfEndpoint(
  traces: readonly TraceSummary[],
  traceId: string,
): TraceSummary | undefined {
  const at = traces.findIndex(t => t.id === traceId)
  if (at < 0) return undefined
  const key = endpointOf(traces[at]!)
  return traces.slice(at + 1).find(t => t.error === undefined && endpointOf(t) === key)
}

/**
 * Creates the comparison slice: which two traces (or executions) the diff view compares; they
 * may belong to any projects.
 */
export const createComparisonSlice: StateCreator<AppState, [], [], ComparisonSlice> = (
  set,
  get,
) => {
  // The newest-first list of a project from its start up to a trace and its previous one: the
  // loaded prefix when it holds both, else pages asked of the backend (the list stays as it is).
  const findPrevious = async (projectId: string, traceId: string) => {
    const loaded = get().traceLists[projectId]?.traces ?? []
    const near = previousOfEndpoint(loaded, traceId)
    if (near) return near
    const traces: TraceSummary[] = []
    for (let offset = 0; offset < searchLimit; offset += searchPageSize) {
      const page = await get().api.listTraces({projectId, offset, limit: searchPageSize})
      traces.push(...page.traces)
      const found = previousOfEndpoint(traces, traceId)
      if (found || page.traces.length < searchPageSize || traces.length >= page.total) return found
    }
    return undefined
  }

  return {
    comparison: undefined,
    openComparison: comparison => set({comparison, activeView: 'diff'}),
    closeComparison: () => set({comparison: undefined}),
    compareWithPrevious: async trace => {
      try {
        const previous = await findPrevious(trace.projectId, trace.traceId)
        if (!previous) {
          get().showNotice({
            kind: 'info',
            message: 'No older trace of this endpoint to compare with.',
          })
          return false
        }
        get().openComparison({a: {projectId: trace.projectId, traceId: previous.id}, b: trace})
        return true
      } catch (error) {
        get().showNotice({
          kind: 'error',
          message: `Could not look for the previous trace: ${errorInfo(error).message}`,
        })
        return false
      }
    },
  }
}
