import type {TraceRef} from '../../shared/model/trace-ref'
import {traceKey, traceRef} from '../../shared/model/trace-ref'
import type {AppState, TraceStatus} from './app-state'

/** The pane of the selected trace: the app's centre and details pane. */
export const mainPane = 'main'

const idle: TraceStatus = {state: 'idle'}

/** The selected trace as a ref, if one is selected (a fresh object: compare with traceKey). */
export function selectedTrace(s: AppState): TraceRef | undefined {
  const {selectedProjectId, selectedTraceId} = s
  if (selectedProjectId === undefined || selectedTraceId === undefined) return undefined
  return traceRef(selectedProjectId, selectedTraceId)
}

/** Where a trace's model is; idle for a trace never asked for (or none). */
export function loadStatusOf(s: AppState, trace: TraceRef | undefined): TraceStatus {
  return (trace && s.traceLoads[traceKey(trace)]) ?? idle
}

/** Where the selected trace's model is. */
export function selectedTraceStatus(s: AppState): TraceStatus {
  return loadStatusOf(s, selectedTrace(s))
}

/** The selected node of a pane. */
export function selectedNodeOf(s: AppState, pane: string): number | undefined {
  return pane === mainPane ? s.selectedNodeId : s.paneNodes[pane]
}
