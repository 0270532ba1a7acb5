import {useEffect, useMemo, useRef, useState} from 'react'
import {buildDepthIndex} from '../../../shared/algorithms/depth-index'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import {diffFlameInput} from '../../../shared/diff/diff-flame'
import type {DiffFlameInput} from '../../../shared/diff/diff-flame'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import type {TraceModel} from '../../../shared/model/trace-model'
import {FlameChart} from '../../components/flame-chart/flame-chart'
import type {FlameChartRenderer} from '../../components/flame-chart/flame-chart-renderer'
import {readTheme} from '../../components/flame-chart/flame-colors'
import type {FlameSource} from '../../components/flame-chart/flame-types'
import {ModeSwitch} from '../../components/mode-switch'
import {useThemeVersion} from '../../components/theme'
import {scopedSelfTimes} from '../../../shared/diff/diff-flame'
import {DeltaColor, deltaColorIndices, totalTimes} from './delta-colors'
import type {DeltaBasis} from './delta-colors'
import {deltaPalette} from './delta-palette'
import {signedDuration} from './diff-format'
import {entryTiming} from './diff-tree-row'
import {formatDurationNs} from '../../components/format'

/** The two sides of a diff as flame charts coloured by time change, linked to the selected pair. */
export function DiffFlameView(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  noise: NoiseThreshold
  selected: number | undefined
  entryOfA: Int32Array
  entryOfB: Int32Array
  onSelect: (entry: number | undefined) => void
  onShowInCalls: (entry: number) => void
}) {
  const {diff, a, b, noise, selected} = props
  const [basis, setBasis] = useState<DeltaBasis>('total')
  // 1.7M rows: two passes over typed arrays (~tens of ms), done once per diff.
  const deltas = useMemo(() => diffFlameInput(diff.alignment, a, b), [diff, a, b])
  // One time scale for both: a faster B is a shorter chart.
  const domainNs = useMemo(() => Math.max(timeDomain(a), timeDomain(b)), [a, b])
  const sourceA = useDiffSource(diff, a, 'a', deltas, basis, noise, domainNs)
  const sourceB = useDiffSource(diff, b, 'b', deltas, basis, noise, domainNs)
  const renderers = useRef<{a?: FlameChartRenderer; b?: FlameChartRenderer}>({})
  const rowA = selected === undefined ? -1 : diff.tree.rowA[selected]!
  const rowB = selected === undefined ? -1 : diff.tree.rowB[selected]!
  useEffect(() => {
    renderers.current.a?.setSelected(rowA, true)
    renderers.current.b?.setSelected(rowB, true)
  }, [rowA, rowB])
  const rooted = diff.alignment.scopeA.start > 0 || diff.alignment.scopeA.end < a.nodeCount
  const onRenderer = (side: 'a' | 'b') => (r: FlameChartRenderer | undefined) => {
    renderers.current[side] = r
    if (!r) return
    // Two executions: start on the compared subtree, not the whole trace.
    const scope = side === 'a' ? diff.alignment.scopeA : diff.alignment.scopeB
    if (rooted) r.zoomToRow(scope.start)
    r.setSelected(side === 'a' ? rowA : rowB, true)
  }
  return (
    <div className="diff-flame" data-testid="diff-flame">
      <div className="diff-flame-toolbar">
        <ModeSwitch<DeltaBasis>
          label="Colour by"
          value={basis}
          onChange={setBasis}
          options={[
            {value: 'total', label: 'Total time', title: 'A call and what it called'},
            {value: 'self', label: 'Self time', title: 'A call’s own time'},
          ]}
        />
        <DeltaLegend />
      </div>
      <div className="diff-flame-charts">
        {(['a', 'b'] as const).map(side => (
          <section
            key={side}
            className="diff-flame-pane"
            aria-label={side === 'a' ? 'Before' : 'After'}
          >
            <div className="diff-flame-caption">
              <span className={`diff-side-tag side-${side}`}>{side.toUpperCase()}</span>
              <span>{side === 'a' ? 'Before' : 'After'}</span>
              <span className="muted mono">{side === 'a' ? diff.a.name : diff.b.name}</span>
            </div>
            <div className="diff-flame-box">
              <FlameChart
                source={side === 'a' ? sourceA : sourceB}
                keepView
                label={`Flame chart of ${side === 'a' ? 'the before (A)' : 'the after (B)'}, coloured by time change`}
                testId={`diff-flame-${side}`}
                callbacks={{
                  onSelect: row => {
                    const entry =
                      row < 0 ? -1 : (side === 'a' ? props.entryOfA : props.entryOfB)[row]!
                    props.onSelect(entry < 0 ? undefined : entry)
                  },
                }}
                onRenderer={onRenderer(side)}
              />
            </div>
          </section>
        ))}
      </div>
      {selected !== undefined && (
        <SelectedPair
          diff={diff}
          a={a}
          b={b}
          entry={selected}
          noise={noise}
          onShow={() => props.onShowInCalls(selected)}
        />
      )}
    </div>
  )
}

/** Under the charts: the selected call, its time before and after, and a way to its details. */
function SelectedPair(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  entry: number
  noise: NoiseThreshold
  onShow: () => void
}) {
  const {diff, a, b, entry} = props
  const y = diff.tree.rowB[entry]!
  const [model, row] = y >= 0 ? [b, y] : [a, diff.tree.rowA[entry]!]
  const t = entryTiming(diff, a, b, entry, props.noise)
  return (
    <div className="diff-flame-selected" data-testid="diff-flame-selected">
      <span className="mono diff-flame-selected-name">
        {model.strings[model.nameId[row]!] ?? ''}
      </span>
      <span className="mono">
        {t.beforeNs === undefined ? '—' : formatDurationNs(t.beforeNs)} →{' '}
        {t.afterNs === undefined ? '—' : formatDurationNs(t.afterNs)}
      </span>
      <span className={`diff-delta mono ${t.change > 0 ? 'slower' : t.change < 0 ? 'faster' : ''}`}>
        {signedDuration(t.deltaNs)}
      </span>
      <span className="diff-fill" />
      <button className="button small" onClick={props.onShow}>
        Show in calls
      </button>
    </div>
  )
}

const depthIndexes = new WeakMap<TraceModel, ReturnType<typeof buildDepthIndex>>()

function useDiffSource(
  diff: TraceDiff,
  model: TraceModel,
  side: 'a' | 'b',
  deltas: DiffFlameInput,
  basis: DeltaBasis,
  noise: NoiseThreshold,
  domainNs: number,
): FlameSource {
  const scope = side === 'a' ? diff.alignment.scopeA : diff.alignment.scopeB
  const own = useMemo(
    () => (basis === 'self' ? scopedSelfTimes(model, scope) : totalTimes(model)),
    [model, scope, basis],
  )
  const delta =
    side === 'a'
      ? basis === 'self'
        ? deltas.selfDeltaNsA
        : deltas.deltaNsA
      : basis === 'self'
        ? deltas.selfDeltaNsB
        : deltas.deltaNsB
  const counterpart = side === 'a' ? diff.alignment.aToB : diff.alignment.bToA
  const colors = useMemo(
    () => deltaColorIndices({ownNs: own, deltaNs: delta, counterpart, scope, side}, noise),
    [own, delta, counterpart, scope, side, noise],
  )
  return useMemo((): FlameSource => {
    let index = depthIndexes.get(model)
    if (!index) depthIndexes.set(model, (index = buildDepthIndex(model)))
    return {
      cols: model,
      index,
      strings: model.strings,
      domainNs,
      colorOf: (row, dimmed) => (dimmed ? DeltaColor.dimmed : colors[row]!),
      palette: deltaPalette,
      describe: row => {
        const durationNs = model.endNs[row]! - model.startNs[row]!
        const selfNs = selfOf(model, row)
        const file = model.fileId[row]! >= 0 ? model.strings[model.fileId[row]!] : undefined
        return {
          name: model.strings[model.nameId[row]!] ?? '',
          file,
          line: model.line[row] || undefined,
          durationNs,
          selfNs,
          note: changeNote(row, side, counterpart, delta, own, basis, scope),
        }
      },
    }
  }, [model, colors, counterpart, delta, own, basis, side, scope, domainNs])
}

/** The time a model spans (ns): its duration, or its last end if later. */
function timeDomain(model: TraceModel): number {
  let domainNs = model.meta.durationNs
  for (let i = 0; i < model.nodeCount; i++) domainNs = Math.max(domainNs, model.endNs[i]!)
  return domainNs
}

function selfOf(model: TraceModel, row: number): number {
  let children = 0
  const end = row + model.size[row]!
  for (let c = row + 1; c < end; c += model.size[c]!) {
    children += model.endNs[c]! - model.startNs[c]!
  }
  return Math.max(0, model.endNs[row]! - model.startNs[row]! - children)
}

function changeNote(
  row: number,
  side: 'a' | 'b',
  counterpart: Int32Array,
  delta: Float64Array,
  own: Float64Array,
  basis: DeltaBasis,
  scope: {start: number; end: number},
): string {
  if (row < scope.start || row >= scope.end) return 'Outside the compared calls'
  const what = basis === 'self' ? 'self time' : 'time'
  if (counterpart[row]! < 0) return side === 'b' ? 'New in B' : 'Gone in B'
  const d = delta[row]!
  const before = side === 'b' ? own[row]! - d : own[row]!
  return `${what} ${signedDuration(d)} (was ${formatDurationNs(Math.max(0, before))})`
}

/** The diff flame's key: what its colours mean, in words beside the swatches. */
function DeltaLegend() {
  const version = useThemeVersion()
  const fills = useMemo(
    () => deltaPalette(readTheme(document.documentElement)).fills,
    // The swatches follow the theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  )
  return (
    <div className="diff-legend" aria-label="Colour key">
      <span>faster</span>
      {[0, 1, 2, 3].map(i => (
        <span key={i} className="diff-swatch" style={{background: fills[i]}} />
      ))}
      <span
        className="diff-swatch"
        style={{background: fills[DeltaColor.same]}}
        title="within the noise"
      />
      {[5, 6, 7, 8].map(i => (
        <span key={i} className="diff-swatch" style={{background: fills[i]}} />
      ))}
      <span>slower</span>
      <span className="muted">· new calls count as slower, gone ones as faster</span>
    </div>
  )
}
