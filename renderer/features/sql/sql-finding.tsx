import type {NPlusOneFinding} from '../../../shared/insights/sql-analysis'
import type {SiteRef} from '../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatDurationNs} from '../../components/format'
import {SiteLink} from '../../components/node-jumps'
import {SqlLine} from './sql-line'

/** A finding's site (a frame row and a line) with the file id the editor needs. */
export function siteOfNode(
  model: TraceModel,
  site: {nodeId: number; file?: string; line: number; name: string},
): SiteRef {
  const fileId = model.fileId[site.nodeId]!
  return {
    nodeId: site.nodeId,
    line: site.line,
    name: site.name,
    ...(site.file !== undefined ? {file: site.file} : {}),
    ...(fileId >= 0 ? {fileId} : {}),
  }
}

/** An N+1 finding: the repeated query, where it is issued, the loop that repeats it, the fix. */
export function FindingCard(props: {
  finding: NPlusOneFinding
  index: number
  model: TraceModel
  onShow: () => void
  /** Open the query the loop iterates. */
  onShowIterated: (nodeId: number) => void
  showing: boolean
}) {
  const {finding: f, model} = props
  return (
    <div className="sql-finding" data-testid="n-plus-one" data-count={f.count}>
      <div className="finding-head">
        <span className="finding-badge">N+1</span>
        <span className="finding-title">
          {f.table !== undefined ? (
            <>
              <span className="mono">{f.table}</span> queried{' '}
            </>
          ) : (
            'The same query ran '
          )}
          <strong data-testid="n-plus-one-count">{f.count}×</strong> from one call site
        </span>
        <span className="finding-time mono">{formatDurationNs(f.totalNs)}</span>
      </div>
      <div className="finding-sql">
        <SqlLine sql={f.template} maxChars={400} />
      </div>
      <table className="finding-facts">
        <tbody>
          <tr>
            <th>Issued at</th>
            <td data-testid="n-plus-one-site">
              <SiteLink site={siteOfNode(model, f.callSite)} full />
              <span className="muted small"> in {f.callSite.name}</span>
            </td>
          </tr>
          {f.loop !== undefined && (
            <tr>
              <th>Repeated by</th>
              <td data-testid="n-plus-one-loop">
                the loop at <SiteLink site={siteOfNode(model, f.loop)} full />
                <span className="muted small"> in {f.loop.name}</span>
              </td>
            </tr>
          )}
          {f.iterated !== undefined && (
            <tr>
              <th>Loops over</th>
              <td>
                <button
                  className="link-button"
                  onClick={() => props.onShowIterated(f.iterated!.nodeId)}
                  data-testid="n-plus-one-iterated"
                >
                  {f.iterated.table !== undefined ? (
                    <span className="mono">{f.iterated.table}</span>
                  ) : (
                    'the query'
                  )}{' '}
                  rows
                </button>
                <span className="muted small"> fetched at {f.iterated.site}</span>
              </td>
            </tr>
          )}
          <tr>
            <th>Likely fix</th>
            <td className="finding-fix" data-testid="n-plus-one-fix">
              {f.fix}
            </td>
          </tr>
        </tbody>
      </table>
      <button className="link-button small" onClick={props.onShow}>
        {props.showing ? 'Show all queries' : `Show these ${f.count} queries`}
      </button>
    </div>
  )
}
