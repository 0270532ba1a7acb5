import './flame-chart.css'
import {useEffect, useId, useLayoutEffect, useRef} from 'react'
import {FlameChartRenderer} from './flame-chart-renderer'
import type {FlameCallbacks, FlameSource} from './flame-types'

/** Props of one flame chart: its data, how to report input, and the hook that receives the renderer. */
export interface FlameChartProps {
  source: FlameSource | undefined
  /** Keep the view when the source changes but spans the same domain (a match mask, a re-merge). */
  keepView?: boolean
  inverted?: boolean
  minimap?: boolean
  label: string
  testId?: string
  /** The chart is where focus lands when the user switches to its view. */
  viewFocus?: boolean
  callbacks: FlameCallbacks
  /** Receives the renderer once mounted (and undefined on unmount): selection goes through it. */
  onRenderer?: (renderer: FlameChartRenderer | undefined) => void
}

/** What the keys do, read by screen readers when the chart takes focus. */
export const flameKeysHint =
  'Arrow keys move the selection: up to the parent, down to the first call inside, left and right to the neighbours. Enter opens the frame view. Shift with the arrows pans; plus and minus zoom.'

/**
 * Hosts a FlameChartRenderer: two stacked canvases (nodes, overlay), a tooltip and optionally a
 * minimap. React renders this once per source; drawing, input and selection bypass React.
 */
export function FlameChart(props: FlameChartProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const nodesRef = useRef<HTMLCanvasElement>(null)
  const overlayRef = useRef<HTMLCanvasElement>(null)
  const tooltipRef = useRef<HTMLDivElement>(null)
  const minimapRef = useRef<HTMLCanvasElement>(null)
  const rendererRef = useRef<FlameChartRenderer | undefined>(undefined)
  // Callbacks change identity on every render of the parent; the renderer calls the latest.
  const callbacksRef = useRef(props.callbacks)
  const onRendererRef = useRef(props.onRenderer)
  useEffect(() => {
    callbacksRef.current = props.callbacks
    onRendererRef.current = props.onRenderer
  })

  const {inverted} = props
  const hintId = useId()
  // Layout effects: the renderer exists and draws before the browser paints the commit, so the
  // chart appears in the same frame as the view instead of one (possibly long) frame later.
  useLayoutEffect(() => {
    const container = containerRef.current
    const nodes = nodesRef.current
    const overlay = overlayRef.current
    const tooltip = tooltipRef.current
    if (!container || !nodes || !overlay || !tooltip) return
    const renderer = new FlameChartRenderer(
      {container, nodes, overlay, tooltip, minimap: minimapRef.current ?? undefined},
      {
        onSelect: (row, by) => callbacksRef.current.onSelect(row, by),
        onOpen: row => callbacksRef.current.onOpen?.(row),
        onCycleMatch: step => callbacksRef.current.onCycleMatch?.(step),
        onViewSettled: view => callbacksRef.current.onViewSettled?.(view),
      },
      {inverted},
    )
    rendererRef.current = renderer
    onRendererRef.current?.(renderer)
    return () => {
      onRendererRef.current?.(undefined)
      rendererRef.current = undefined
      renderer.dispose()
    }
  }, [inverted])

  const {source, keepView} = props
  useLayoutEffect(() => {
    rendererRef.current?.setSource(source, keepView)
  }, [source, keepView])

  return (
    <div className="flame-chart">
      {props.minimap && (
        <canvas
          ref={minimapRef}
          className="flame-minimap"
          data-testid="flame-minimap"
          aria-hidden="true"
        />
      )}
      {/* An application: screen readers pass the arrow keys through to move the selection, and
          a live region (the host's) says where it went. */}
      <div
        ref={containerRef}
        className="flame-canvas-box"
        tabIndex={0}
        role="application"
        aria-label={props.label}
        aria-roledescription="flame chart"
        aria-describedby={hintId}
        data-view-focus={props.viewFocus || undefined}
        data-testid={props.testId && `${props.testId}-container`}
      >
        <canvas ref={nodesRef} className="flame-canvas" />
        <canvas
          ref={overlayRef}
          className="flame-canvas flame-overlay"
          data-testid={props.testId}
        />
        <div ref={tooltipRef} className="canvas-tooltip" role="tooltip" hidden />
      </div>
      <span id={hintId} className="visually-hidden">
        {flameKeysHint}
      </span>
    </div>
  )
}
