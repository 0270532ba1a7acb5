import {useMemo, useState} from 'react'
import {NodeKind, nodeKindNames} from '../../../shared/model/node-kind'
import type {CallSite} from '../../../shared/model/node-details'
import type {TraceModel} from '../../../shared/model/trace-model'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import {formatDurationNs} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {Excerpt} from './excerpt'
import {childRows, effectsBelow, issueLine} from './frame-data'
import {OpenInEditorButton} from '../../components/open-in-editor'

// Below a child frame, this many of its SQL/HTTP/template/log descendants are listed.
const effectsShown = 5
// Direct children shown at first (a loop may make thousands of calls).
const childPage = 200

/**
 * The calls a node made, in order, each a link: functions, SQL, HTTP, templates, logs. Below a
 * function, the SQL, HTTP and other effects of its own subtree, so an HTTP call made one frame
 * down still shows where the story continues.
 */
export function ChildrenList(props: {
  model: TraceModel
  nodeId: number
  onSelect: (id: number) => void
}) {
  const {model, nodeId} = props
  const rows = useMemo(() => childRows(model, nodeId), [model, nodeId])
  const [shown, setShown] = useState(childPage)
  if (rows.length === 0) {
    return <div className="source-note muted">No calls were recorded below this one.</div>
  }
  return (
    <ol className="children" data-testid="children-list">
      {rows.slice(0, shown).map(row => (
        <li key={row}>
          <ChildRow model={model} row={row} onSelect={props.onSelect} />
          {model.kind[row] === NodeKind.frame && (
            <Effects model={model} row={row} onSelect={props.onSelect} />
          )}
        </li>
      ))}
      {rows.length > shown && (
        <li>
          <button className="link-button" onClick={() => setShown(n => n + childPage * 5)}>
            Show {Math.min(rows.length - shown, childPage * 5)} more of {rows.length - shown}
          </button>
        </li>
      )}
    </ol>
  )
}

function Effects(props: {model: TraceModel; row: number; onSelect: (id: number) => void}) {
  const {model, row} = props
  const {rows, total} = useMemo(() => effectsBelow(model, row, effectsShown), [model, row])
  if (total === 0) return null
  return (
    <ol className="children nested">
      {rows.map(r => (
        <li key={r}>
          <ChildRow model={props.model} row={r} onSelect={props.onSelect} nested />
        </li>
      ))}
      {total > rows.length && (
        <li className="muted small child-more">… {total - rows.length} more below</li>
      )}
    </ol>
  )
}

function ChildRow(props: {
  model: TraceModel
  row: number
  nested?: boolean
  onSelect: (id: number) => void
}) {
  const {model, row} = props
  const kind = nodeKindNames[model.kind[row]!] ?? 'frame'
  const line = issueLine(model, row)
  const name = nameOf(model, row)
  return (
    <button
      className={`child-row kind-${kind}`}
      data-testid="child-row"
      data-kind={kind}
      data-node-id={row}
      title={name}
      onClick={() => props.onSelect(row)}
    >
      <span className="child-kind">
        <KindIcon kind={kind} size={12} />
      </span>
      <span className="child-name mono">{name}</span>
      {line > 0 && (
        <span className="child-line mono faint">{props.nested ? '' : `line ${line}`}</span>
      )}
      <span className="child-time mono faint">
        {formatDurationNs(model.endNs[row]! - model.startNs[row]!)}
      </span>
    </button>
  )
}

/**
 * Where this call came from: the caller's file around the call line (Kolo's user_code_call_site),
 * the line marked; a click selects the caller frame.
 */
export function CalledFrom(props: {
  model: TraceModel
  nodeId: number
  callSite?: CallSite
  /** Whether the node's details (which carry the call site) have arrived or failed. */
  settled: boolean
  onSelect: (id: number) => void
}) {
  const {model, nodeId} = props
  const site = callerOf(model, nodeId, props.callSite)
  if (!site && !props.settled) return <div className="source-note muted">Loading…</div>
  if (!site) {
    return (
      <div className="source-note muted">No calling frame was recorded (this is a root call).</div>
    )
  }
  const {caller, line, fileId} = site
  return (
    <div className="called-from">
      <div className="chain-head" onClick={() => caller !== undefined && props.onSelect(caller)}>
        <span className="chain-kind kind-frame">
          <KindIcon kind="frame" size={12} />
        </span>
        <span className="chain-name mono">
          {caller !== undefined ? nameOf(model, caller) : site.frameId}
        </span>
        <span className="chain-file mono faint">
          {caller !== undefined ? fileOf(model, caller) : ''}:{line}
        </span>
        {fileId !== undefined && <OpenInEditorButton fileId={fileId} line={line} />}
      </div>
      {fileId !== undefined && (
        <Excerpt
          fileId={fileId}
          line={line}
          before={3}
          after={3}
          testId="called-from-code"
          compact
          onClick={caller !== undefined ? () => props.onSelect(caller) : undefined}
        />
      )}
    </div>
  )
}

/** The caller from the details' call site, else from the model: the nearest frame above. */
function callerOf(
  model: TraceModel,
  nodeId: number,
  callSite: CallSite | undefined,
): {caller?: number; line: number; fileId?: number; frameId?: string} | undefined {
  if (callSite) {
    return {
      caller: callSite.nodeId,
      line: callSite.line,
      fileId: callSite.fileId,
      frameId: callSite.frameId,
    }
  }
  let p = model.parent[nodeId]!
  while (p >= 0 && model.kind[p] !== NodeKind.frame) p = model.parent[p]!
  const line = model.callLine[nodeId]!
  if (p < 0 || line === 0) return undefined
  const fileId = model.fileId[p]!
  return {caller: p, line, fileId: fileId >= 0 ? fileId : undefined}
}
