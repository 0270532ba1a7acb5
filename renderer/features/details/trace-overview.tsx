import {useMemo} from 'react'
import {NodeFlag, nodeKindNames} from '../../../shared/model/node-kind'
import type {NodeKindName} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount, formatDurationNs, formatLocalTime} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {FactTable, Section} from '../../components/detail-parts'

/** Node counts per kind, and how many are library frames or on the exception path. */
export function countKinds(model: TraceModel): {
  kinds: Map<NodeKindName, number>
  library: number
  errors: number
} {
  const counts = new Uint32Array(nodeKindNames.length)
  let library = 0
  let errors = 0
  for (let i = 0; i < model.nodeCount; i++) {
    counts[model.kind[i]!]!++
    const f = model.flags[i]!
    if (f & NodeFlag.library) library++
    if (f & (NodeFlag.error | NodeFlag.exceptionOrigin)) errors++
  }
  const kinds = new Map<NodeKindName, number>()
  nodeKindNames.forEach((name, id) => {
    if (counts[id]) kinds.set(name, counts[id])
  })
  return {kinds, library, errors}
}

/** What the details pane shows when no node is selected: the trace as a whole. */
export function TraceOverview(props: {model: TraceModel}) {
  const {model} = props
  const meta = model.meta
  const {kinds, library} = useMemo(() => countKinds(model), [model])
  return (
    <div className="details-panel" data-testid="details" data-kind="trace">
      <div className="details-header">
        <div className="details-kind">
          <span>Trace</span>
        </div>
        <div className="details-name mono">{meta.name}</div>
      </div>
      <div className="details-sections">
        <Section title="Overview">
          <FactTable
            rows={[
              ['Started', formatLocalTime(meta.startedAtMs)],
              ['Duration', formatDurationNs(meta.durationNs)],
              ['Records', formatCount(meta.recordCount)],
              ['Calls', `${formatCount(model.nodeCount)} (${formatCount(library)} in libraries)`],
              ['Format', <span className="mono">{meta.format}</span>],
              ['Kolo', meta.koloVersion],
              ['Source', meta.source],
              [
                'Command',
                meta.commandLine && (
                  <span className="mono break">{meta.commandLine.join(' ')}</span>
                ),
              ],
              [
                'Commit',
                meta.commitSha && <span className="mono">{meta.commitSha.slice(0, 12)}</span>,
              ],
              ['Trace id', <span className="mono break">{meta.traceId}</span>],
            ]}
          />
        </Section>
        <Section title="Contents">
          <ul className="kind-counts">
            {[...kinds].map(([kind, count]) => (
              <li key={kind} className={`kind-${kind}`}>
                <KindIcon kind={kind} size={13} />
                <span className="kind-count-name">{kind}</span>
                <span className="mono">{formatCount(count)}</span>
              </li>
            ))}
          </ul>
        </Section>
        {meta.threads.length > 1 && (
          <Section title="Threads" aside={meta.threads.length}>
            <FactTable
              rows={meta.threads.map(t => [
                t.name + (t.key === meta.threadKey ? ' (shown)' : ''),
                `${formatCount(t.recordCount)} records`,
              ])}
            />
          </Section>
        )}
        {(meta.warnings.length > 0 || meta.recovered) && (
          <Section title="Warnings" aside={meta.warnings.length}>
            <ul className="warning-list">
              {meta.recovered && <li>The trace body was damaged; what survived is shown.</li>}
              {meta.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </Section>
        )}
        <p className="details-hint muted">
          Select a call in the tree to see its arguments, locals and return value.
        </p>
      </div>
    </div>
  )
}
