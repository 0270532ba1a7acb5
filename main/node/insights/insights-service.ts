import {ApiError} from '../../../shared/api/errors'
import {insightsRequestValidators} from '../../../shared/api/insights-contract'
import type {InsightsApi} from '../../../shared/api/insights-contract'
import type {TraceInsights} from '../../../shared/insights/trace-insights'

/** What the insights op needs of the trace host (trace-host's TraceHost has it). */
export interface InsightsHost {
  insights?(req: {storePath: string; traceId: string; thread?: string}): Promise<TraceInsights>
}

/** How the insights service reaches the rest of the service. */
export interface InsightsServiceDeps {
  /** The store path of a project; throws ApiError for an unknown or broken project. */
  storePath(projectId: string): string
  /** The thread last loaded for the trace (undefined: Kolo's main thread). */
  thread(projectId: string, traceId: string): string | undefined
  /** The trace host, started on first use. */
  host(): InsightsHost
}

/**
 * The InsightsApi over the trace host: validates, then asks the worker, which builds the trace
 * if it is not built (or was evicted) and keeps the answer with the built trace.
 */
export function createInsightsService(deps: InsightsServiceDeps): InsightsApi {
  return {
    async getTraceInsights(req) {
      const {projectId, traceId} = insightsRequestValidators.getTraceInsights(req)
      const storePath = deps.storePath(projectId)
      const host = deps.host()
      if (!host.insights) {
        throw new ApiError('unavailable', 'This trace host cannot compute insights')
      }
      return host.insights({storePath, traceId, thread: deps.thread(projectId, traceId)})
    },
  }
}
