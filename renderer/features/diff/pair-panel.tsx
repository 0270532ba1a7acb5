import {useEffect, useMemo} from 'react'
import {DiffFlag} from '../../../shared/diff/alignment'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import {diffCall} from '../../../shared/diff/call-diff'
import type {CallDiff} from '../../../shared/diff/call-diff'
import {markValuesChanged} from '../../../shared/diff/classify-rows'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import type {NodeDetails} from '../../../shared/model/node-details'
import {nodeKindNames} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {CodeBlock} from '../../components/code-block'
import {ValueSection} from '../../components/detail-parts'
import {formatDurationNs} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {useNodeDetails} from '../../state/trace-hooks'
import type {ResourceStatus} from '../../state/use-resource'
import {entryEdit, entryFlags} from './diff-rows'
import {editLook, noiseText, signedDuration, signedPercent} from './diff-format'
import {entryTiming} from './diff-tree-row'
import {CallDiffSections} from './value-changes'

/**
 * What differs in the selected pair of calls: its time (against the noise threshold), then its
 * arguments, locals, return value, exception, rows… as value diffs, fetched and compared on demand
 * (the pairs the backend compared up front show at once). A call on one side only shows its data.
 */
export function PairPanel(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  traces: {a: TraceRef; b: TraceRef}
  entry: number
  noise: NoiseThreshold
  entryOfA: Int32Array
  /** Values were found to differ: the tree shows it from now on. */
  onMarked: () => void
  onSelect: (entry: number) => void
  onOpen: (entry: number, side?: 'a' | 'b') => void
}) {
  const {diff, a, b, entry: k, noise} = props
  const x = diff.tree.rowA[k]!
  const y = diff.tree.rowB[k]!
  const detailsA = useNodeDetails(props.traces.a, x >= 0 ? x : undefined)
  const detailsB = useNodeDetails(props.traces.b, y >= 0 ? y : undefined)
  const compared = useCallDiff(diff, x, y, detailsA, detailsB, noise)
  const {onMarked} = props
  useEffect(() => {
    if (!compared?.changed || x < 0 || y < 0) return
    if (diff.alignment.flagsA[x]! & DiffFlag.valuesChanged) return
    markValuesChanged(diff.alignment, a, b, x)
    onMarked()
  }, [compared, diff, a, b, x, y, onMarked])

  const [model, row] = y >= 0 ? [b, y] : [a, x]
  const kind = nodeKindNames[model.kind[row]!] ?? 'frame'
  const name = model.strings[model.nameId[row]!] ?? ''
  const ghost = x >= 0 && y < 0 && diff.alignment.aToB[x]! >= 0
  const flags = entryFlags(diff.tree, diff.alignment, k)
  const nameBefore = x >= 0 && y >= 0 ? a.strings[a.nameId[x]!] : undefined
  const look = editLook(entryEdit(diff.tree, diff.alignment, k), {
    ghost,
    values: (flags & DiffFlag.valuesChanged) !== 0,
    renamed: nameBefore !== undefined && (nameBefore !== name || a.flags[x] !== b.flags[y]),
  })
  const moved = diff.edits.edits.find(e => e.entry === k && e.kind === 'moved')
  return (
    <div className="pair-panel" data-testid="pair-panel" data-entry={k} aria-label="Selected call">
      <div className="pair-head">
        <KindIcon kind={kind} size={14} />
        <span className="pair-name mono" title={name}>
          {name}
        </span>
        <span className={`diff-tag tone-${look.quiet ? 'values' : look.tone}`}>{look.label}</span>
        <span className="diff-fill" />
        {x >= 0 && (
          <button className="button small" onClick={() => props.onOpen(k, 'a')}>
            Open in A
          </button>
        )}
        {y >= 0 && (
          <button className="button small" onClick={() => props.onOpen(k, 'b')}>
            Open in B
          </button>
        )}
      </div>
      <div className="pair-body">
        {ghost && (
          <p className="pair-note">
            This call moved: in B it runs elsewhere.{' '}
            <button className="link-button" onClick={() => props.onSelect(props.entryOfA[x]!)}>
              Show where it went
            </button>
          </p>
        )}
        {moved?.pathBefore && (
          <p className="pair-note">
            Moved here from <span className="mono">{moved.pathBefore.join(' › ')}</span>
          </p>
        )}
        {nameBefore !== undefined && nameBefore !== name && (
          <div className="pair-renamed">
            <span className="muted">Before: </span>
            <del className="mono">{nameBefore}</del>
          </div>
        )}
        {!ghost && <TimeLine diff={diff} a={a} b={b} entry={k} noise={noise} />}
        {x >= 0 && y >= 0 ? (
          <PairValues compared={compared} detailsA={detailsA} detailsB={detailsB} />
        ) : (
          !ghost && <OneSide details={y >= 0 ? detailsB : detailsA} side={y >= 0 ? 'b' : 'a'} />
        )}
      </div>
    </div>
  )
}

function useCallDiff(
  diff: TraceDiff,
  x: number,
  y: number,
  detailsA: ResourceStatus<NodeDetails>,
  detailsB: ResourceStatus<NodeDetails>,
  noise: NoiseThreshold,
): CallDiff | undefined {
  const known = useMemo(
    () =>
      x < 0 || y < 0
        ? undefined
        : (diff.calls.find(c => c.a === x && c.b === y) ??
          diff.http.find(c => c.a === x && c.b === y)),
    [diff, x, y],
  )
  const dA = detailsA.state === 'ready' ? detailsA.value : undefined
  const dB = detailsB.state === 'ready' ? detailsB.value : undefined
  return useMemo(
    () => known ?? (dA && dB ? diffCall(dA, dB, {noise}) : undefined),
    [known, dA, dB, noise],
  )
}

function TimeLine(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  entry: number
  noise: NoiseThreshold
}) {
  const t = entryTiming(props.diff, props.a, props.b, props.entry, props.noise)
  const pct =
    t.beforeNs !== undefined && t.afterNs !== undefined
      ? signedPercent(t.beforeNs, t.afterNs)
      : undefined
  const verdict =
    t.beforeNs === undefined
      ? 'new in B'
      : t.afterNs === undefined
        ? 'gone in B'
        : t.change > 0
          ? 'slower'
          : t.change < 0
            ? 'faster'
            : `within the noise (${noiseText(props.noise)})`
  return (
    <div className="pair-time" data-testid="pair-time">
      <span className="muted">Time</span>
      <span className="mono">{t.beforeNs === undefined ? '—' : formatDurationNs(t.beforeNs)}</span>
      <span aria-label="became">→</span>
      <span className="mono">{t.afterNs === undefined ? '—' : formatDurationNs(t.afterNs)}</span>
      <span className={`diff-delta mono ${t.change > 0 ? 'slower' : t.change < 0 ? 'faster' : ''}`}>
        {signedDuration(t.deltaNs)}
        {pct !== undefined && ` (${pct})`}
      </span>
      <span className="muted">{verdict}</span>
    </div>
  )
}

function PairValues(props: {
  compared: CallDiff | undefined
  detailsA: ResourceStatus<NodeDetails>
  detailsB: ResourceStatus<NodeDetails>
}) {
  const {compared, detailsA, detailsB} = props
  const failed = [detailsA, detailsB].find(d => d.state === 'failed')
  if (failed?.state === 'failed') return <div className="error-text">{failed.message}</div>
  if (!compared) return <div className="muted">Comparing the values…</div>
  if (compared.sections.length === 0) {
    return (
      <div className="muted" data-testid="pair-same">
        Same arguments, return value and data in both.
      </div>
    )
  }
  return <CallDiffSections sections={compared.sections} />
}

function OneSide(props: {details: ResourceStatus<NodeDetails>; side: 'a' | 'b'}) {
  const {details, side} = props
  const where = side === 'b' ? 'Only in B (added).' : 'Only in A (removed in B).'
  if (details.state === 'failed') return <div className="error-text">{details.message}</div>
  if (details.state !== 'ready') return <div className="muted">{where}</div>
  const d = details.value
  return (
    <div className="pair-one-side">
      <p className="pair-note">{where}</p>
      {d.kind === 'frame' && (
        <>
          <ValueSection title="Arguments" value={d.args} asVariables />
          <ValueSection title="Return value" value={d.returnValue} />
        </>
      )}
      {d.kind === 'sql' && <CodeBlock code={d.query} language="sql" maxHeightPx={160} />}
    </div>
  )
}
