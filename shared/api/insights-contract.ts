import type {TraceInsights} from '../insights/trace-insights'
import type {TraceRef} from '../model/trace-ref'
import {obj, traceRef} from './validate'
import type {Validator} from './validate'

export type {TraceInsights} from '../insights/trace-insights'

/**
 * The insight panels' part of the API: per-trace facts about SQL, HTTP, templates, logs,
 * exceptions and tests. Merged into TraceApi (`extends InsightsApi`) and its validators.
 */
export interface InsightsApi {
  /** The insights of a trace, computed in the trace worker beside its built tree. */
  getTraceInsights(req: {trace: TraceRef}): Promise<TraceInsights>
}

/** One validator per InsightsApi method. */
export const insightsRequestValidators = {
  getTraceInsights: obj({trace: traceRef}),
} satisfies {[M in keyof InsightsApi]: Validator<Parameters<InsightsApi[M]>[0]>}
