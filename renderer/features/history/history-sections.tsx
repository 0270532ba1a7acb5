import type {FrameDetails} from '../../../shared/model/node-details'
import {Section} from '../../components/detail-parts'
import {CloseIcon} from '../../components/icons'
import {useSelectedNode, useTraceRef} from '../../state/trace-scope'
import {useAppStore} from '../../state/use-app-store'
import {FunctionHistory} from './function-history'

/** The function a frame's details name: its qualname (or name) and file. */
export function functionOf(details: FrameDetails): {qualname: string; file?: string} {
  return {qualname: details.qualname ?? details.name, file: details.file}
}

/**
 * The history of the function of a frame in view (in the frame view's section, or the details
 * panel): its last calls across the project, the one on screen marked.
 */
export function FrameHistory(props: {details: FrameDetails; limit?: number}) {
  const trace = useTraceRef()
  const nodeId = useSelectedNode()
  if (!trace) return null
  const {qualname, file} = functionOf(props.details)
  return (
    <FunctionHistory
      key={`${qualname}\0${file ?? ''}`}
      projectId={trace.projectId}
      qualname={qualname}
      file={file}
      limit={props.limit}
      current={nodeId === undefined ? undefined : {traceId: trace.traceId, nodeId}}
    />
  )
}

/** The details panel's section of a frame's history (closed by default: it asks the index). */
export function FrameHistorySection(props: {details: FrameDetails}) {
  return (
    <Section title="Calls across the project" defaultOpen={false}>
      <FrameHistory details={props.details} limit={10} />
    </Section>
  )
}

/**
 * The overview's side pane: the history of the function chosen in the overview (overlap table,
 * merged flame graph) or the palette, or how to choose one.
 */
export function HistoryPane() {
  const projectId = useAppStore(s => s.selectedProjectId)
  const target = useAppStore(s => s.historyTarget)
  const close = useAppStore(s => s.showHistory)
  if (!target || target.projectId !== projectId) {
    return (
      <div className="details-panel history-pane" data-testid="details" data-kind="overview">
        <div className="history-pane-hint muted">
          <p>
            Choose a function under “Where they overlap” or in the merged flame graph, or find one
            with Ctrl+K, to see its calls across the project: the values that went in and came out.
          </p>
        </div>
      </div>
    )
  }
  return (
    <div className="details-panel history-pane" data-testid="details" data-kind="history">
      <div className="details-header">
        <div className="details-kind">
          <span>Function history</span>
          <button
            className="icon-button history-close"
            aria-label="Close the history"
            title="Close"
            onClick={() => close(undefined)}
          >
            <CloseIcon size={12} />
          </button>
        </div>
        <div className="details-name mono" title={target.qualname}>
          {target.qualname}
        </div>
        {target.file !== undefined && <div className="details-loc mono">{target.file}</div>}
      </div>
      <div className="details-sections">
        <FunctionHistory
          key={`${target.qualname}\0${target.file ?? ''}`}
          projectId={target.projectId}
          qualname={target.qualname}
          file={target.file}
          limit={50}
        />
      </div>
    </div>
  )
}
