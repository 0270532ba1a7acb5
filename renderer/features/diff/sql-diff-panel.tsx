import {useState} from 'react'
import type {NPlusOneRef, SqlDiff, SqlFingerprintDiff} from '../../../shared/diff/sql-diff'
import {formatCount, formatDurationNs} from '../../components/format'
import {signedCount, signedDuration} from './diff-format'

/** A node of one side, to show in the diff tree. */
export type ShowNode = (side: 'a' | 'b', nodeId: number) => void

const statusLook: Record<SqlFingerprintDiff['status'], string> = {
  new: 'new',
  gone: 'gone',
  more: 'more',
  fewer: 'fewer',
  same: 'same',
}

/**
 * The queries before and after: counts and time, N+1 patterns introduced, fixed or grown, every
 * query shape (fingerprint) with its counts, rows and time on each side, and the matched queries
 * whose text or rows changed.
 */
export function SqlDiffPanel(props: {sql: SqlDiff; onShowNode: ShowNode}) {
  const {sql, onShowNode} = props
  const [onlyChanged, setOnlyChanged] = useState(true)
  const shapes = onlyChanged
    ? sql.fingerprints.filter(f => f.status !== 'same' || f.rows.a !== f.rows.b)
    : sql.fingerprints
  const {introduced, fixed, changed} = sql.nPlusOne
  return (
    <div className="diff-panel" data-testid="diff-sql">
      <div className="diff-facts">
        <Fact label="Queries" before={formatCount(sql.count.a)} after={formatCount(sql.count.b)}>
          {signedCount(sql.count.b - sql.count.a)}
        </Fact>
        <Fact
          label="Time in SQL"
          before={formatDurationNs(sql.totalNs.a)}
          after={formatDurationNs(sql.totalNs.b)}
        >
          {signedDuration(sql.totalNs.b - sql.totalNs.a)}
        </Fact>
      </div>
      {introduced.length + fixed.length + changed.length > 0 && (
        <section className="diff-block" aria-label="N+1 patterns">
          <h4 className="diff-block-title">N+1 queries</h4>
          <ul className="diff-list">
            {introduced.map(n => (
              <NPlusOne
                key={`i${n.site}${n.fingerprint}`}
                tone="added"
                label="new"
                n={n}
                onShow={() => onShowNode('b', n.nodeId)}
              />
            ))}
            {changed.map(({a, b}) => (
              <NPlusOne
                key={`c${b.site}${b.fingerprint}`}
                tone="changed"
                label={`${a.count} → ${b.count} queries`}
                n={b}
                onShow={() => onShowNode('b', b.nodeId)}
              />
            ))}
            {fixed.map(n => (
              <NPlusOne
                key={`f${n.site}${n.fingerprint}`}
                tone="removed"
                label="fixed"
                n={n}
                onShow={() => onShowNode('a', n.nodeId)}
              />
            ))}
          </ul>
        </section>
      )}
      <section className="diff-block" aria-label="Query shapes">
        <h4 className="diff-block-title">
          Query shapes
          <label className="diff-check">
            <input
              type="checkbox"
              checked={onlyChanged}
              onChange={e => setOnlyChanged(e.target.checked)}
            />
            only those that changed
          </label>
        </h4>
        {shapes.length === 0 ? (
          <div className="muted">Every query shape ran as often, with as many rows, in both.</div>
        ) : (
          <table className="diff-table" data-testid="diff-sql-shapes">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col">Query</th>
              </tr>
            </thead>
            <tbody>
              {shapes.map(f => (
                <ShapeRow key={f.fingerprint} f={f} onShowNode={onShowNode} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {sql.changedQueries.length > 0 && (
        <section className="diff-block" aria-label="Queries that changed">
          <h4 className="diff-block-title">Same query, other text or rows</h4>
          <ul className="diff-list">
            {sql.changedQueries.map(q => (
              <li key={`${q.a}:${q.b}`} className="diff-item">
                <button className="diff-item-main" onClick={() => onShowNode('b', q.b)}>
                  {q.rows && (
                    <span className="diff-tag tone-changed mono">
                      {rowsText(q.rows.a)} → {rowsText(q.rows.b)}
                    </span>
                  )}
                  {q.queryBefore !== undefined && (
                    <span className="diff-tag tone-changed">text</span>
                  )}
                  <span className="diff-sql mono">{q.query}</span>
                </button>
              </li>
            ))}
            {sql.changedQueriesOmitted > 0 && (
              <li className="muted">and {formatCount(sql.changedQueriesOmitted)} more</li>
            )}
          </ul>
        </section>
      )}
    </div>
  )
}

function rowsText(n: number | undefined): string {
  return n === undefined ? '? rows' : n === 1 ? '1 row' : `${formatCount(n)} rows`
}

function ShapeRow(props: {f: SqlFingerprintDiff; onShowNode: ShowNode}) {
  const {f} = props
  const first = f.nodesB[0] ?? f.nodesA[0]
  const side = f.nodesB[0] !== undefined ? 'b' : 'a'
  const rows =
    f.rows.a === f.rows.b
      ? f.rows.b === undefined
        ? '—'
        : formatCount(f.rows.b)
      : `${f.rows.a ?? '?'} → ${f.rows.b ?? '?'}`
  return (
    <tr className={`shape-${f.status}`} data-testid="diff-sql-shape" data-status={f.status}>
      <td>
        <span className={`diff-tag shape-tag-${f.status}`}>{statusLook[f.status]}</span>
      </td>
      <td className="num mono">{f.count.a}</td>
      <td className="num mono">{f.count.b}</td>
      <td className="num mono">{rows}</td>
      <td className="num mono">{signedDuration(f.totalNs.b - f.totalNs.a)}</td>
      <td className="diff-sql-cell">
        {first === undefined ? (
          <span className="diff-sql mono">{f.example}</span>
        ) : (
          <button
            className="diff-sql mono link-like"
            title={`${f.example}\n\nShow in the calls`}
            onClick={() => props.onShowNode(side, first)}
          >
            {f.example}
          </button>
        )}
      </td>
    </tr>
  )
}

function NPlusOne(props: {n: NPlusOneRef; tone: string; label: string; onShow: () => void}) {
  const {n} = props
  return (
    <li className="diff-item" data-testid="diff-nplusone">
      <button className="diff-item-main" onClick={props.onShow}>
        <span className={`diff-tag tone-${props.tone}`}>{props.label}</span>
        <span className="mono">{n.site}</span>
        <span className="muted">
          {n.count}× {n.table ?? 'queries'}
        </span>
      </button>
      <div className="diff-item-note muted">{n.fix}</div>
    </li>
  )
}

/** A figure before and after, and its change. */
export function Fact(props: {label: string; before: string; after: string; children?: string}) {
  return (
    <div className="diff-fact">
      <span className="diff-fact-label">{props.label}</span>
      <span className="mono">{props.before}</span>
      <span aria-label="became">→</span>
      <span className="mono diff-fact-after">{props.after}</span>
      {props.children !== undefined && <span className="mono muted">{props.children}</span>}
    </div>
  )
}
