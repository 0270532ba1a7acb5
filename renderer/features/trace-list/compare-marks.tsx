import {useCallback, useMemo, useState} from 'react'
import type {TraceRef} from '../../../shared/model/trace-ref'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {useAppStore} from '../../state/use-app-store'

/** A trace marked for comparison (of any project: marks stay while another project is shown). */
export interface CompareMark {
  trace: TraceRef
  createdAt: string
  label: string
}

/** The side a marked trace takes: the older is A (before), the newer B (after). */
export type MarkSide = 'A' | 'B'

/** Up to two marked traces; a third mark replaces the older mark. */
export function useCompareMarks() {
  const [marks, setMarks] = useState<CompareMark[]>([])
  const toggle = useCallback((projectId: string, trace: TraceSummary) => {
    setMarks(now => {
      const same = (m: CompareMark) =>
        m.trace.projectId === projectId && m.trace.traceId === trace.id
      if (now.some(same)) return now.filter(m => !same(m))
      const label = trace.method !== undefined ? `${trace.method} ${trace.path ?? ''}` : trace.name
      const mark = {trace: {projectId, traceId: trace.id}, createdAt: trace.createdAt, label}
      return [...now.slice(-1), mark]
    })
  }, [])
  const clear = useCallback(() => setMarks([]), [])
  const sides = useMemo(() => {
    const sorted = [...marks].sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt))
    return sorted.length === 2 ? {a: sorted[0]!, b: sorted[1]!} : undefined
  }, [marks])
  const sideOf = useCallback(
    (projectId: string, traceId: string): MarkSide | 'marked' | undefined => {
      const is = (m: CompareMark | undefined) =>
        m?.trace.projectId === projectId && m.trace.traceId === traceId
      if (sides) return is(sides.a) ? 'A' : is(sides.b) ? 'B' : undefined
      return marks.some(is) ? 'marked' : undefined
    },
    [marks, sides],
  )
  return {marks, sides, toggle, clear, sideOf}
}

/** Under the list once a trace is marked: mark one more, or compare the two. */
export function CompareBar(props: {marks: ReturnType<typeof useCompareMarks>}) {
  const {marks, sides, clear} = props.marks
  const openComparison = useAppStore(s => s.openComparison)
  if (marks.length === 0) return null
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'
  return (
    <div
      className="compare-bar"
      role="region"
      aria-label="Traces to compare"
      data-testid="compare-bar"
    >
      {sides ? (
        <>
          <button
            className="button compare-button"
            data-testid="compare-marked"
            onClick={() => {
              openComparison({a: sides.a.trace, b: sides.b.trace})
              clear()
            }}
          >
            Compare
          </button>
          <span className="compare-sides mono" title={`A: ${sides.a.label}\nB: ${sides.b.label}`}>
            <span className="compare-side">A</span> {sides.a.label} <span className="muted">→</span>{' '}
            <span className="compare-side">B</span> {sides.b.label}
          </span>
        </>
      ) : (
        <span className="muted">
          1 trace marked: {mod}+click (or <span className="kbd">Space</span>) another to compare
        </span>
      )}
      <span className="compare-fill" />
      <button className="link-button" onClick={clear}>
        Clear
      </button>
    </div>
  )
}
