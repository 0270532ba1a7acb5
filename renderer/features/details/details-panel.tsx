import './details.css'
import type {NodeDetails} from '../../../shared/model/node-details'
import {nodeKindNames} from '../../../shared/model/node-kind'
import {CopyButton} from '../../components/copy-button'
import {formatKoloLink} from '../../components/kolo-link'
import {formatDurationNs} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {useCurrentModel} from '../../state/model-cache'
import {useNodeDetails} from '../../state/node-details-cache'
import {useAppStore} from '../../state/use-app-store'
import {CopyLinkButton} from '../../components/copy-link-button'
import {OpenInEditorButton, useOpenInEditorShortcut} from '../../components/open-in-editor'
import {ExceptionDetailsView} from '../exceptions/exception-details'
import {FrameDetailsView} from '../frame/frame-details'
import {OutboundDetailsView, RequestDetailsView} from '../http/http-details'
import {LogDetailsView} from '../logs/log-details'
import {TemplateDetailsView} from '../templates/template-details'
import {JobDetailsView, OtherDetailsView, TestDetailsView} from './other-details'
import {NodeLink} from '../../components/detail-parts'
import {SqlDetailsView} from '../sql/sql-details'
import {TraceOverview} from './trace-overview'

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

/** The right pane: the selected node's details, fetched on demand, or the trace's overview. */
export function DetailsPanel() {
  const model = useCurrentModel()
  const nodeId = useAppStore(s => s.selectedNodeId)
  const status = useNodeDetails()
  if (!model) return <div className="details-panel" data-testid="details" />
  if (nodeId === undefined || nodeId >= model.nodeCount) return <TraceOverview model={model} />
  const kind = nodeKindNames[model.kind[nodeId]!] ?? 'frame'
  return (
    <div className="details-panel" data-testid="details" data-kind={kind} data-node-id={nodeId}>
      {status.state === 'ready' ? (
        <DetailsBody details={status.details} />
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
      <div className="details-name mono" title={props.name}>
        {props.name}
      </div>
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

function DetailsBody({details: d}: {details: NodeDetails}) {
  const selectNode = useAppStore(s => s.selectNode)
  const setActiveView = useAppStore(s => s.setActiveView)
  // F4 / Ctrl+E opens the selected node's place: a frame's def line, a query's or log's call site.
  useOpenInEditorShortcut(
    d.fileId !== undefined && d.line !== undefined ? {fileId: d.fileId, line: d.line} : undefined,
  )
  const projectPath = useAppStore(s => s.projects.find(p => p.id === s.selectedProjectId)?.path)
  const traceId = useAppStore(s => s.selectedTraceId)
  const link =
    projectPath !== undefined && d.frameId !== undefined
      ? formatKoloLink(projectPath, traceId, d.frameId)
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
          {link !== undefined && <CopyLinkButton link={link} />}
          {d.unfinished === true && <span className="tree-tag">unfinished</span>}
        </div>
      </DetailsHeader>
      <div className="details-sections">
        <KindBody details={d} onSelect={selectNode} />
      </div>
    </>
  )
}

function KindBody({details: d, onSelect}: {details: NodeDetails; onSelect: (id: number) => void}) {
  switch (d.kind) {
    case 'frame':
      return <FrameDetailsView details={d} />
    case 'sql':
      return <SqlDetailsView details={d} />
    case 'request':
      return <RequestDetailsView details={d} />
    case 'outbound':
      return <OutboundDetailsView details={d} />
    case 'exception':
      return <ExceptionDetailsView details={d} onSelect={onSelect} />
    case 'log':
      return <LogDetailsView details={d} />
    case 'template':
      return <TemplateDetailsView details={d} />
    case 'test':
      return <TestDetailsView details={d} />
    case 'job':
      return <JobDetailsView details={d} />
    default:
      return <OtherDetailsView details={d} />
  }
}
