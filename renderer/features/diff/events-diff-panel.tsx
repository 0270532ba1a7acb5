import type {CallDiff} from '../../../shared/diff/call-diff'
import type {EventChanges, EventsDiff} from '../../../shared/diff/events-diff'
import {formatDurationMs} from '../../components/format'
import {Fact} from './sql-diff-panel'
import type {ShowNode} from './sql-diff-panel'
import {CallDiffSections} from './value-changes'

/** Inbound requests and outbound calls: status, time, headers and bodies that differ; calls added or gone. */
export function HttpDiffPanel(props: {http: CallDiff[]; events: EventsDiff; onShowNode: ShowNode}) {
  const {http, events, onShowNode} = props
  const {pairs} = events.requests
  const nothing =
    http.length === 0 &&
    pairs.every(p => p.status.a === p.status.b) &&
    count(events.outbound) === 0 &&
    count(events.requests) === 0
  return (
    <div className="diff-panel" data-testid="diff-http">
      {pairs.map(p => (
        <div key={`${p.a}:${p.b}`} className="diff-facts">
          <Fact label={p.title.b} before={statusText(p.status.a)} after={statusText(p.status.b)} />
          <Fact
            label="Time"
            before={p.durationMs.a === undefined ? '—' : formatDurationMs(p.durationMs.a)}
            after={p.durationMs.b === undefined ? '—' : formatDurationMs(p.durationMs.b)}
          />
        </div>
      ))}
      {nothing && <div className="muted">Requests and outbound calls are the same in both.</div>}
      {http.map(d => (
        <section key={`${d.a}:${d.b}`} className="diff-block" aria-label={d.name}>
          <h4 className="diff-block-title">
            <button className="link-like mono" onClick={() => onShowNode('b', d.b)}>
              {d.name}
            </button>
          </h4>
          <CallDiffSections sections={d.sections} />
        </section>
      ))}
      <EventList title="Requests" changes={events.requests} onShowNode={onShowNode} />
      <EventList title="Outbound HTTP" changes={events.outbound} onShowNode={onShowNode} />
    </div>
  )
}

/** Templates rendered, logs written and exceptions raised: added, gone, changed. */
export function EventsDiffPanel(props: {events: EventsDiff; onShowNode: ShowNode}) {
  const {events, onShowNode} = props
  const total = count(events.templates) + count(events.logs) + count(events.exceptions)
  return (
    <div className="diff-panel" data-testid="diff-events">
      {total === 0 && <div className="muted">The same templates, logs and exceptions in both.</div>}
      <EventList title="Exceptions" changes={events.exceptions} onShowNode={onShowNode} />
      <EventList title="Templates" changes={events.templates} onShowNode={onShowNode} />
      <EventList title="Logs" changes={events.logs} onShowNode={onShowNode} />
    </div>
  )
}

/** How many items of a kind were added, gone or changed. */
export function count(changes: EventChanges): number {
  return changes.added.length + changes.removed.length + changes.changed.length
}

function statusText(status: number | undefined): string {
  return status === undefined ? '—' : String(status)
}

function EventList(props: {title: string; changes: EventChanges; onShowNode: ShowNode}) {
  const {changes, onShowNode} = props
  if (count(changes) === 0) return null
  return (
    <section className="diff-block" aria-label={props.title}>
      <h4 className="diff-block-title">{props.title}</h4>
      <ul className="diff-list">
        {changes.added.map(e => (
          <li key={`a${e.nodeId}`} className="diff-item" data-testid="diff-event" data-tone="added">
            <button className="diff-item-main" onClick={() => onShowNode('b', e.nodeId)}>
              <span className="diff-tag tone-added">added</span>
              <span className="mono">{e.text}</span>
            </button>
          </li>
        ))}
        {changes.removed.map(e => (
          <li
            key={`r${e.nodeId}`}
            className="diff-item"
            data-testid="diff-event"
            data-tone="removed"
          >
            <button className="diff-item-main" onClick={() => onShowNode('a', e.nodeId)}>
              <span className="diff-tag tone-removed">gone</span>
              <span className="mono">{e.text}</span>
            </button>
          </li>
        ))}
        {changes.changed.map(({a, b}) => (
          <li
            key={`c${b.nodeId}`}
            className="diff-item"
            data-testid="diff-event"
            data-tone="changed"
          >
            <button className="diff-item-main" onClick={() => onShowNode('b', b.nodeId)}>
              <span className="diff-tag tone-changed">changed</span>
              <del className="mono">{a.text}</del>
              <span aria-label="became">→</span>
              <ins className="mono">{b.text}</ins>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
