import {useCallback, useRef} from 'react'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {formatCount} from '../../components/format'
import {spanLabel, tickLabel} from './timeline-axis'
import {barStyleLabels} from './timeline-layout'
import type {TimelineLayout} from './timeline-layout'
import {Timeline} from './timeline'
import type {TimelineRenderer} from './timeline-renderer'

/** The visible range in words: "2024-01-03 14:05:09.120 – 14:05:12.480 (3.36 s)". */
export function rangeText(fromMs: number, toMs: number): string {
  const span = toMs - fromMs
  const step = span < 10_000 ? 1 : 1000
  const date = new Date(fromMs)
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
  return `${day} ${tickLabel(fromMs, step)} – ${tickLabel(toMs, step)} (${spanLabel(span)})`
}

const legendClasses = ['ok', 'client', 'error', 'test', 'job', 'script'] as const

/**
 * The timeline of every request, job and test of the project, with its toolbar: the visible
 * range, zoom buttons, "select what is in view", and a legend that shows each status as a
 * colour and a pattern.
 */
export function TimelineSection(props: {
  layout: TimelineLayout | undefined
  selection: ReadonlySet<string> | undefined
  brush: {fromMs: number; toMs: number} | undefined
  onOpen: (item: TimelineItem) => void
  onBrush: (fromMs: number, toMs: number) => void
  onClearSelection: () => void
}) {
  const rendererRef = useRef<TimelineRenderer | undefined>(undefined)
  const rangeRef = useRef<HTMLSpanElement>(null)
  const onViewChanged = useCallback((from: number, to: number) => {
    if (rangeRef.current) rangeRef.current.textContent = rangeText(from, to)
  }, [])
  const {layout} = props
  const label = layout
    ? `Timeline of ${formatCount(layout.count)} requests, jobs and tests in ${formatCount(layout.traceIds.length)} traces, ${formatCount(layout.laneCount)} lanes deep where they overlap.`
    : 'Timeline'
  const r = () => rendererRef.current
  // As tall as its lanes at full height need, within a share of the window (past it, lanes
  // thin down to 4 px and then scroll).
  const lanesPx = 30 + Math.max(3, layout?.laneCount ?? 3) * 18
  return (
    <section
      className="timeline-section"
      aria-label="Timeline"
      style={{['--timeline-height' as string]: `max(90px, min(${lanesPx}px, 40vh))`}}
    >
      <div className="timeline-toolbar">
        <h2 className="overview-heading">Timeline</h2>
        <span ref={rangeRef} className="timeline-range mono muted" data-testid="timeline-range" />
        <span className="toolbar-spacer" />
        <span className="timeline-legend" aria-label="Legend">
          {legendClasses.map((c, i) => (
            <span key={c} className="legend-item">
              <span className={`legend-swatch bar-${c}`} aria-hidden="true" />
              {barStyleLabels[i]}
            </span>
          ))}
        </span>
        <span className="timeline-buttons">
          <button
            className="icon-button"
            title="Zoom in (+)"
            aria-label="Zoom in"
            onClick={() => r()?.zoom(0.5)}
          >
            +
          </button>
          <button
            className="icon-button"
            title="Zoom out (−)"
            aria-label="Zoom out"
            onClick={() => r()?.zoom(2)}
          >
            −
          </button>
          <button
            className="button small"
            title="Show everything (0)"
            onClick={() => r()?.resetView()}
          >
            All
          </button>
          <button
            className="button small"
            title="Select the traces in view (Shift+Enter)"
            data-testid="timeline-select-visible"
            onClick={() => {
              const renderer = r()
              const l = renderer?.getLayout()
              if (!renderer || !l) return
              const v = renderer.getView()
              props.onBrush(l.originMs + v.startMs, l.originMs + v.endMs)
            }}
          >
            Select in view
          </button>
        </span>
      </div>
      <Timeline
        layout={layout}
        selection={props.selection}
        brush={props.brush}
        label={label}
        callbacks={{
          onOpen: props.onOpen,
          onBrush: props.onBrush,
          onClearSelection: props.onClearSelection,
        }}
        onViewChanged={onViewChanged}
        onRenderer={renderer => (rendererRef.current = renderer)}
      />
      <p id="timeline-keys" className="timeline-help muted small">
        Wheel zooms, drag pans, Shift+drag (or drag on the time axis) selects a time range; click a
        bar to open its trace. Keys: ← → items in time, ↑ ↓ lanes, Enter opens, + − 0 zoom,
        Shift+Enter selects what is in view, Esc clears the selection.
      </p>
    </section>
  )
}
