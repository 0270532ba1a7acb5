import {useEffect, useLayoutEffect, useRef} from 'react'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {attachTimelineInput} from './timeline-input'
import type {TimelineLayout} from './timeline-layout'
import {TimelineRenderer} from './timeline-renderer'
import type {TimelineCallbacks} from './timeline-renderer'
import {announceItem} from './timeline-tooltip'

/** Props of the timeline canvas. */
export interface TimelineProps {
  layout: TimelineLayout | undefined
  /** Traces to keep bright (undefined: no selection). */
  selection: ReadonlySet<string> | undefined
  /** The brushed range to show (epoch ms). */
  brush: {fromMs: number; toMs: number} | undefined
  label: string
  callbacks: Omit<TimelineCallbacks, 'onFocusItem' | 'onViewChanged'>
  /** The visible range changed (epoch ms); called after redraws, outside React renders. */
  onViewChanged?: (fromMs: number, toMs: number) => void
  /** Receives the renderer once mounted (undefined on unmount): toolbar commands go through it. */
  onRenderer?: (renderer: TimelineRenderer | undefined) => void
}

/**
 * Hosts a TimelineRenderer: two stacked canvases (bars; overlay), a tooltip, and a live region
 * that names the item the keyboard focus is on. React renders this when the items or the
 * selection change; zooming, panning, hovering and focus never render React.
 */
export function Timeline(props: TimelineProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const barsRef = useRef<HTMLCanvasElement>(null)
  const overlayRef = useRef<HTMLCanvasElement>(null)
  const tooltipRef = useRef<HTMLDivElement>(null)
  const liveRef = useRef<HTMLDivElement>(null)
  const rendererRef = useRef<TimelineRenderer | undefined>(undefined)
  const latest = useRef(props)
  useEffect(() => {
    latest.current = props
  })

  useLayoutEffect(() => {
    const container = containerRef.current
    const bars = barsRef.current
    const overlay = overlayRef.current
    const tooltip = tooltipRef.current
    if (!container || !bars || !overlay || !tooltip) return
    const host = {container, bars, overlay, tooltip}
    const renderer = new TimelineRenderer(host, {
      onOpen: (item: TimelineItem) => latest.current.callbacks.onOpen(item),
      onBrush: (from, to) => latest.current.callbacks.onBrush(from, to),
      onClearSelection: () => latest.current.callbacks.onClearSelection(),
      onFocusItem: item => {
        container.dataset.focusedTraceId = item?.traceId ?? ''
        if (liveRef.current) liveRef.current.textContent = item ? announceItem(item) : ''
      },
      onViewChanged: (from, to) => latest.current.onViewChanged?.(from, to),
    })
    const detach = attachTimelineInput(renderer, host)
    rendererRef.current = renderer
    latest.current.onRenderer?.(renderer)
    return () => {
      latest.current.onRenderer?.(undefined)
      rendererRef.current = undefined
      detach()
      renderer.dispose()
    }
  }, [])

  const {layout, selection, brush} = props
  useLayoutEffect(() => rendererRef.current?.setLayout(layout), [layout])
  useLayoutEffect(() => rendererRef.current?.setSelection(selection), [selection])
  useLayoutEffect(() => rendererRef.current?.setBrush(brush), [brush])

  return (
    <div
      ref={containerRef}
      className="timeline-canvas-box"
      tabIndex={0}
      role="img"
      aria-roledescription="timeline"
      aria-label={props.label}
      aria-describedby="timeline-keys"
      data-testid="timeline"
    >
      <canvas ref={barsRef} className="timeline-canvas" />
      <canvas ref={overlayRef} className="timeline-canvas" data-testid="timeline-overlay" />
      <div ref={tooltipRef} className="canvas-tooltip" role="tooltip" hidden />
      <div
        ref={liveRef}
        className="visually-hidden"
        aria-live="polite"
        data-testid="timeline-focus"
      />
    </div>
  )
}
