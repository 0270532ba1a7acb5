import type {TraceRef} from '../../../shared/model/trace-ref'
import {traceKey} from '../../../shared/model/trace-ref'
import {useIndexQuery} from '../../state/index-hooks'

/** Per line of a file: in how many of the project's traces it ran, of how many traces. */
export interface LineRuns {
  counts: ReadonlyMap<number, number>
  traceCount: number
}

/**
 * The gutter's "ran in N of M traces" for a file of a trace, from the project index (undefined
 * until it answers, or where there is no index or it knows no line of the file).
 */
export function useLineRuns(trace: TraceRef | undefined, fileId: number): LineRuns | undefined {
  const query = useIndexQuery(
    trace?.projectId,
    trace && fileId >= 0 ? `marks:${traceKey(trace)}:${fileId}` : undefined,
    api => api.getLineMarks({trace: trace!, fileId}),
  )
  const marks = query.state === 'idle' ? undefined : query.value
  if (!marks || marks.lines.length === 0) return undefined
  return {counts: new Map(marks.lines.map(l => [l.line, l.traces])), traceCount: marks.traceCount}
}

/** The gutter title of a line that ran in `n` of `of` traces. */
export function ranTitle(n: number, of: number): string {
  return `ran in ${n} of ${of} trace${of === 1 ? '' : 's'} of the project`
}
