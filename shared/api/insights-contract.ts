import type {TraceInsights} from '../insights/trace-insights'
import {obj, str} from './validate'
import type {Validator} from './validate'

export type {TraceInsights} from '../insights/trace-insights'

/**
 * The insight panels' part of the API: per-trace facts about SQL, HTTP, templates, logs,
 * exceptions and tests. Merged into TraceApi (`extends InsightsApi`) and its validators.
 */
export interface InsightsApi {
  /** The insights of a trace (the thread last loaded), computed in the trace worker. */
  getTraceInsights(req: {projectId: string; traceId: string}): Promise<TraceInsights>
}

const projectId = str(200)
const traceId = str(200)

/** One validator per InsightsApi method. */
export const insightsRequestValidators = {
  getTraceInsights: obj({projectId, traceId}),
} satisfies {[M in keyof InsightsApi]: Validator<Parameters<InsightsApi[M]>[0]>}
