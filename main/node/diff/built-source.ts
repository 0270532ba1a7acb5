import {traceInsights} from '../insights/trace-insights'
import type {BuiltTrace} from '../model/build-trace'
import {nodeDetails} from '../model/node-details'
import type {DiffSource} from './diff-traces'

/**
 * A diff source over a built trace, where the trace lives (the trace worker, or inline):
 * details are decoded from its records on demand, insights computed once and cached.
 */
export function builtSource(built: BuiltTrace): DiffSource {
  return {
    model: built.model,
    insights: () => Promise.resolve(traceInsights(built)),
    details: nodeId => Promise.resolve(nodeDetails(built, nodeId)),
  }
}
