import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react'
import {NodeKind} from '../../../shared/model/node-kind'
import {formatCount} from '../../components/format'
import {errorInfo} from '../../state/error-info'
import {useAppStore} from '../../state/use-app-store'
import {describeNode, MergedFlameRenderer} from './merged-flame-renderer'
import {mergeTraceCap, mergeTraces} from './merge-selection'
import type {MergedFlame} from './merge-selection'

type MergeState =
  | {state: 'loading'; done: number; total: number}
  | {state: 'ready'; flame: MergedFlame}
  | {state: 'failed'; message: string}

// Each mounted graph names its loads, so a newer merge cancels only its own older loads.
const clientName = (): string => `overview-merge-${Math.random().toString(36).slice(2, 10)}`

/**
 * The selected traces' call paths merged into one flame graph (identical paths across traces are
 * one node, widths summed): what the selection spends its time in, together. The models load
 * through the resource cache, at most `mergeTraceCap` of them (the newest); the merge runs in an
 * analysis worker.
 */
export function MergedFlameView(props: {projectId: string; traceIds: readonly string[]}) {
  const api = useAppStore(s => s.api)
  const resources = useAppStore(s => s.resources)
  const showHistory = useAppStore(s => s.showHistory)
  const [client] = useState(clientName)
  const [round, setRound] = useState(0)
  const {projectId, traceIds} = props
  // Every state is kept with the merge it belongs to: another selection starts afresh.
  const key = `${projectId}\0${round}\0${traceIds.join(',')}`
  const [merge, setMerge] = useState<{key: string; state: MergeState}>()
  const [chosenOf, setChosen] = useState<{key: string; node: number}>()
  useEffect(() => {
    let cancelled = false
    const update = (state: MergeState) => {
      if (!cancelled) setMerge({key, state})
    }
    mergeTraces(
      {api, resources, client},
      projectId,
      traceIds,
      () => cancelled,
      (done, total) => queueMicrotask(() => update({state: 'loading', done, total})),
    ).then(
      flame => flame && update({state: 'ready', flame}),
      (error: unknown) => update({state: 'failed', message: errorInfo(error).message}),
    )
    return () => {
      cancelled = true
    }
    // `key` stands for the project, the trace ids and the Refresh button's round.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, resources, client, key])

  const current: MergeState =
    merge?.key === key
      ? merge.state
      : {state: 'loading', done: 0, total: Math.min(mergeTraceCap, traceIds.length)}
  const chosen = chosenOf?.key === key ? chosenOf.node : -1
  const flame = current.state === 'ready' ? current.flame : undefined
  return (
    <div className="merged-flame" data-testid="merged-flame">
      <div className="merged-flame-bar">
        {current.state === 'loading' && (
          <span className="muted" role="status">
            Loading traces {current.done} of {current.total}…
          </span>
        )}
        {current.state === 'failed' && (
          <span className="error-text" role="alert">
            Could not merge the traces: {current.message}
          </span>
        )}
        {flame && (
          <span className="muted" data-testid="merged-flame-summary">
            {formatCount(flame.merged)} trace{flame.merged === 1 ? '' : 's'} merged
            {flame.asked > mergeTraceCap &&
              ` (the newest ${mergeTraceCap} of the ${formatCount(flame.asked)} selected)`}
            {flame.skipped.length > 0 &&
              flame.asked <= mergeTraceCap &&
              ` · ${flame.skipped.length} left out`}
            {' · '}identical call paths are one node, widths are summed time
          </span>
        )}
        <span className="toolbar-spacer" />
        <button className="button small" onClick={() => setRound(r => r + 1)}>
          Refresh
        </button>
      </div>
      {flame && flame.skipped.length > 0 && flame.asked <= mergeTraceCap && (
        <details className="merged-skipped small">
          <summary>Left out</summary>
          <ul>
            {flame.skipped.map(s => (
              <li key={s.traceId}>
                <span className="mono">{s.traceId}</span>: {s.why}
              </li>
            ))}
          </ul>
        </details>
      )}
      <FlameCanvas flame={flame} chosen={chosen} onChoose={node => setChosen({key, node})} />
      {flame && chosen >= 0 && chosen < flame.layout.nodeCount && (
        <ChosenNode
          flame={flame}
          node={chosen}
          onHistory={(qualname, file) => showHistory({projectId, qualname, file})}
        />
      )}
    </div>
  )
}

function FlameCanvas(props: {
  flame: MergedFlame | undefined
  chosen: number
  onChoose: (node: number) => void
}) {
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const tooltipRef = useRef<HTMLDivElement>(null)
  const liveRef = useRef<HTMLDivElement>(null)
  const rendererRef = useRef<MergedFlameRenderer | undefined>(undefined)
  const onChoose = useRef(props.onChoose)
  useEffect(() => {
    onChoose.current = props.onChoose
  })
  useLayoutEffect(() => {
    const container = boxRef.current
    const canvas = canvasRef.current
    const tooltip = tooltipRef.current
    if (!container || !canvas || !tooltip) return
    const renderer = new MergedFlameRenderer(
      {container, canvas, tooltip},
      {
        onChoose: node => onChoose.current(node),
        onAnnounce: text => {
          if (liveRef.current) liveRef.current.textContent = text
        },
      },
    )
    rendererRef.current = renderer
    return () => {
      rendererRef.current = undefined
      renderer.dispose()
    }
  }, [])
  const {flame, chosen} = props
  useLayoutEffect(() => rendererRef.current?.setData(flame?.layout, flame?.strings ?? []), [flame])
  useLayoutEffect(() => rendererRef.current?.setChosen(chosen), [chosen])
  const label = useMemo(
    () =>
      flame
        ? `Merged flame graph of ${flame.merged} traces. Arrow keys move between calls, Enter zooms, 0 zooms out, Space shows the call's facts.`
        : 'Merged flame graph (loading)',
    [flame],
  )
  return (
    <div
      ref={boxRef}
      className="merged-flame-box"
      tabIndex={0}
      role="img"
      aria-roledescription="flame graph"
      aria-label={label}
      data-testid="merged-flame-canvas"
    >
      <canvas ref={canvasRef} />
      <div ref={tooltipRef} className="canvas-tooltip" role="tooltip" hidden />
      <div ref={liveRef} className="visually-hidden" aria-live="polite" />
    </div>
  )
}

function ChosenNode(props: {
  flame: MergedFlame
  node: number
  onHistory: (qualname: string, file?: string) => void
}) {
  const {flame, node} = props
  const lines = describeNode(flame.layout, flame.strings, node)
  const isFrame = flame.layout.kind[node] === NodeKind.frame
  const file =
    flame.layout.fileId[node]! >= 0 ? flame.strings[flame.layout.fileId[node]!] : undefined
  return (
    <div className="merged-chosen" data-testid="merged-chosen">
      <span className="mono strong">{lines[0]?.text}</span>
      <span className="muted">
        {lines
          .slice(1)
          .map(l => l.text)
          .join(' · ')}
      </span>
      {isFrame && (
        <button
          className="button small"
          onClick={() => props.onHistory(lines[0]?.text ?? '', file)}
        >
          Calls across the project
        </button>
      )}
    </div>
  )
}
