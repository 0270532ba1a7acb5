import './load-progress.css'
import type {ReactNode} from 'react'
import type {LoadProgress} from '../state/app-state'
import {useLoadStatus} from '../state/trace-hooks'
import {useTraceRef} from '../state/trace-scope'
import {useAppStore} from '../state/use-app-store'

const clamp = (x: number): number => Math.min(1, Math.max(0, x))

/** How far a load is, 0 to 1: the backend's own figure, else the share of the body read. */
export function loadFraction(progress: LoadProgress | undefined): number | undefined {
  if (!progress) return undefined
  if (progress.fraction !== undefined) return clamp(progress.fraction)
  return progress.bytesTotal > 0 ? clamp(progress.bytesRead / progress.bytesTotal) : undefined
}

/** A load's fraction as a whole percentage (never 100 before it is done), or undefined. */
export function loadPercent(progress: LoadProgress | undefined): number | undefined {
  const fraction = loadFraction(progress)
  return fraction === undefined ? undefined : Math.min(99, Math.floor(fraction * 100))
}

/** A thin bar: a progressbar with its percentage (indeterminate while it is not known). */
export function ProgressBar(props: {percent: number | undefined; label: string}) {
  const {percent} = props
  return (
    <div
      className={`progress${percent === undefined ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={percent === undefined ? 'starting' : `${percent}%`}
    >
      <span style={{width: percent === undefined ? undefined : `${percent}%`}} />
    </div>
  )
}

/** Stops the load of the trace in view (its first rows, if shown, go too). */
export function CancelLoadButton() {
  const trace = useTraceRef()
  const cancel = useAppStore(s => s.cancelTraceLoad)
  if (!trace) return null
  return (
    <button
      type="button"
      className="button"
      data-testid="cancel-load"
      onClick={() => cancel(trace)}
    >
      Cancel
    </button>
  )
}

/** The load of the trace in view, while it is loading: its percentage, if known. */
function useLoading(): {percent: number | undefined} | undefined {
  const status = useLoadStatus(useTraceRef())
  return status.state === 'loading' ? {percent: loadPercent(status.progress)} : undefined
}

/**
 * What a view that needs the whole trace (flame chart, call graph, frame, insight panels) shows
 * while only its first rows are in: "loading x%". Nothing when the trace in view is not loading.
 */
export function WholeTracePending(props: {
  what: string
  otherwise?: ReactNode
  /** Offer Cancel here (default); a side panel beside a view that offers it leaves it out. */
  cancel?: boolean
}) {
  const loading = useLoading()
  if (!loading) return props.otherwise ?? null
  const {percent} = loading
  return (
    <div className="center-message" data-testid="whole-pending" data-percent={percent}>
      <div className="load-box">
        <div className="load-title" role="status">
          {props.what} needs the whole trace: loading it…
        </div>
        <ProgressBar percent={percent} label="Loading the whole trace" />
        <div className="load-facts muted mono" aria-hidden="true">
          {percent === undefined ? 'starting' : `loading ${percent}%`}
        </div>
        {props.cancel !== false && <CancelLoadButton />}
      </div>
    </div>
  )
}

/** A strip over a view that shows the first rows of a trace: what it shows, and the rest's load. */
export function LoadingStrip(props: {children: ReactNode}) {
  const loading = useLoading()
  if (!loading) return null
  const {percent} = loading
  return (
    <div className="loading-strip" data-testid="loading-strip" data-percent={percent}>
      <span role="status">{props.children}</span>
      <ProgressBar percent={percent} label="Loading the whole trace" />
      <span className="mono" aria-hidden="true">
        {percent === undefined ? 'loading' : `loading ${percent}%`}
      </span>
      <CancelLoadButton />
    </div>
  )
}
