import type {HistoryCall, OutlierMark} from '../../../shared/project-index/index-types'

/** How an outlier mark reads: an icon and words (never colour alone). */
export const outlierText: Record<OutlierMark, {icon: string; label: string; title: string}> = {
  slow: {
    icon: '⏱',
    label: 'slow',
    title: 'Slow: over 3× the median and at least the p95 of its calls',
  },
  exception: {icon: '✕', label: 'raised', title: 'It raised an exception'},
  'unusual-return': {
    icon: '≠',
    label: 'unusual return',
    title: 'It returned something other than what this function usually returns',
  },
}

/** The two calls to compare, older first (the reference), or undefined unless exactly two. */
export function comparePair(
  calls: readonly HistoryCall[],
  chosen: ReadonlySet<string>,
): [HistoryCall, HistoryCall] | undefined {
  const picked = calls.filter(c => chosen.has(callKey(c)))
  if (picked.length !== 2) return undefined
  const [x, y] = picked as [HistoryCall, HistoryCall]
  return x.startMs <= y.startMs ? [x, y] : [y, x]
}

/** A call's identity in the list. */
export function callKey(call: HistoryCall): string {
  return `${call.traceId}\0${call.nodeId}`
}
