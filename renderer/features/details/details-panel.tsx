import './details.css'
import type {ComponentType} from 'react'
import type {NodeDetails} from '../../../shared/model/node-details'
import {nodeKindNames} from '../../../shared/model/node-kind'
import {CopyButton} from '../../components/copy-button'
import {CopyLinkButton} from '../../components/copy-link-button'
import {NodeLink} from '../../components/detail-parts'
import {formatDurationNs} from '../../components/format'
import {GenerateTestButton} from '../../components/generate-test-button'
import {KindIcon} from '../../components/icons'
import {formatKoloLink} from '../../components/kolo-link'
import {OpenInEditorButton, useOpenInEditorShortcut} from '../../components/open-in-editor'
import {WholeTracePending} from '../../components/load-progress'
import {useModelOrPreview, useNodeDetails} from '../../state/trace-hooks'
import {useSelectedNode, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {useAppStore} from '../../state/use-app-store'
import {JobDetailsView, OtherDetailsView, TestDetailsView} from './other-details'
import {TraceOverview} from './trace-overview'

/** The details view of one kind of node. */
export type KindDetailsView<D extends NodeDetails> = ComponentType<{
  details: D
  onSelect: (nodeId: number) => void
}>

/**
 * The details views by kind. Each kind's view lives in its kind's feature (SQL in features/sql,
 * HTTP in features/http…); the app composes them and hands them to the panel.
 */
export type DetailViews = {
  [K in NodeDetails['kind']]?: KindDetailsView<Extract<NodeDetails, {kind: K}>>
}

// Kinds that have no feature of their own: shown here.
const ownViews: DetailViews = {
  test: TestDetailsView,
  job: JobDetailsView,
  flushed: OtherDetailsView,
  thread: OtherDetailsView,
}

const kindLabels: Record<string, string> = {
  frame: 'Function call',
  request: 'HTTP request',
  sql: 'SQL query',
  outbound: 'Outbound HTTP',
  template: 'Template',
  log: 'Log',
  exception: 'Exception',
  test: 'Test',
  job: 'Background job',
  flushed: 'Flushed subtree',
  thread: 'Thread',
}

/**
 * The right pane: the selected node's details, fetched on demand, or the trace's overview. Each
 * kind of node shows in its view of `views`.
 */
export function DetailsPanel(props: {views: DetailViews}) {
  const trace = useTraceRef()
  // While a big trace loads, a row of its preview shows its header until its details come
  // (the backend answers once the whole trace is built); the overview needs the whole trace.
  const model = useModelOrPreview(trace)
  const nodeId = useSelectedNode()
  const status = useNodeDetails(trace, nodeId)
  if (!model) {
    return (
      <div className="details-panel" data-testid="details">
        <h2 className="visually-hidden">Details</h2>
        <div className="pane-empty">
          Open a trace from the list: the details of the call you select show here.
        </div>
      </div>
    )
  }
  if (nodeId === undefined || nodeId >= model.nodeCount) {
    if (!model.meta.partial) return <TraceOverview model={model} />
    return (
      <div className="details-panel" data-testid="details">
        <WholeTracePending what="The trace's overview" cancel={false} />
      </div>
    )
  }
  const kind = nodeKindNames[model.kind[nodeId]!] ?? 'frame'
  return (
    <div className="details-panel" data-testid="details" data-kind={kind} data-node-id={nodeId}>
      {status.state === 'ready' ? (
        <DetailsBody details={status.value} views={props.views} />
      ) : (
        <>
          <DetailsHeader
            kind={kind}
            name={model.strings[model.nameId[nodeId]!] ?? ''}
            durationNs={model.endNs[nodeId]! - model.startNs[nodeId]!}
            startNs={model.startNs[nodeId]!}
          />
          {status.state === 'failed' ? (
            <div className="details-error" data-testid="error">
              Could not load the details of this node: {status.message}
            </div>
          ) : (
            <div className="details-loading muted">Loading details…</div>
          )}
        </>
      )}
    </div>
  )
}

function DetailsHeader(props: {
  kind: string
  name: string
  durationNs: number
  startNs: number
  file?: string
  fileId?: number
  line?: number
  children?: React.ReactNode
}) {
  const loc =
    props.file !== undefined ? `${props.file}${props.line ? `:${props.line}` : ''}` : undefined
  return (
    <div className={`details-header kind-${props.kind}`}>
      <div className="details-kind">
        <KindIcon kind={props.kind as never} size={13} />
        <span>{kindLabels[props.kind] ?? props.kind}</span>
        <span className="details-timing">
          {formatDurationNs(props.durationNs)}{' '}
          <span className="faint">at +{formatDurationNs(props.startNs)}</span>
        </span>
      </div>
      <h2 className="details-name mono" title={props.name}>
        {props.name}
      </h2>
      {loc !== undefined && (
        <div className="details-loc mono">
          <span title={loc}>{loc}</span>
          <CopyButton text={() => loc} title="Copy file:line" />
          {props.fileId !== undefined && props.line !== undefined && (
            <OpenInEditorButton fileId={props.fileId} line={props.line} />
          )}
        </div>
      )}
      {props.children}
    </div>
  )
}

function DetailsBody({details: d, views}: {details: NodeDetails; views: DetailViews}) {
  const selectNode = useSelectNode()
  const setActiveView = useAppStore(s => s.setActiveView)
  // F4 / Ctrl+E opens the selected node's place: a frame's def line, a query's or log's call site.
  useOpenInEditorShortcut(
    d.fileId !== undefined && d.line !== undefined ? {fileId: d.fileId, line: d.line} : undefined,
  )
  const trace = useTraceRef()
  const projectPath = useAppStore(s => s.projects.find(p => p.id === trace?.projectId)?.path)
  const link =
    projectPath !== undefined && d.frameId !== undefined
      ? formatKoloLink(projectPath, trace?.traceId, d.frameId)
      : undefined
  return (
    <>
      <DetailsHeader
        kind={d.kind}
        name={d.name}
        durationNs={d.endNs - d.startNs}
        startNs={d.startNs}
        file={d.file}
        fileId={d.fileId}
        line={d.line}
      >
        <div className="details-links">
          {d.callSite !== undefined && (
            <span className="muted">
              called from{' '}
              <NodeLink nodeId={d.callSite.nodeId} onSelect={selectNode}>
                <span className="mono">
                  {d.callSite.file ?? d.callSite.frameId}:{d.callSite.line}
                </span>
              </NodeLink>
            </span>
          )}
          {d.kind === 'frame' && (
            <button className="link-button" onClick={() => setActiveView('frame')}>
              Open frame view
            </button>
          )}
          {(d.kind === 'frame' || d.kind === 'request') && (
            <GenerateTestButton nodeId={d.nodeId} link testId="details-generate-test" />
          )}
          {link !== undefined && <CopyLinkButton link={link} />}
          {d.unfinished === true && <span className="tree-tag">unfinished</span>}
        </div>
      </DetailsHeader>
      <div className="details-sections">
        <KindBody details={d} views={views} onSelect={selectNode} />
      </div>
    </>
  )
}

function KindBody(props: {
  details: NodeDetails
  views: DetailViews
  onSelect: (nodeId: number) => void
}) {
  const {details} = props
  // The registry's type ties each kind to its view; looked up by a runtime kind, it widens.
  const View = (props.views[details.kind] ?? ownViews[details.kind]) as
    KindDetailsView<NodeDetails> | undefined
  return View ? <View details={details} onSelect={props.onSelect} /> : null
}
