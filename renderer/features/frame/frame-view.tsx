import './frame.css'
import type {ComponentType} from 'react'
import type {FrameDetails, NodeDetails} from '../../../shared/model/node-details'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {WholeTracePending} from '../../components/load-progress'
import {ValueTree} from '../../components/value-tree'
import {useModel, useNodeDetails} from '../../state/trace-hooks'
import {useSelectedNode, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {CallChain} from './call-chain'
import {CalledFrom, ChildrenList} from './children-list'
import {FrameHeader, FrameSection} from './frame-header'
import {ImplementationCode} from './implementation'
import {useOpenInEditorShortcut} from '../../components/open-in-editor'
import {SourceBox} from './source-box'

/**
 * The frame view of the selected node of the trace in view: for a function call, its code with the values that passed
 * through it, where it was called from, the chain of calls from the request down to it, the calls
 * it made, and its arguments, locals and return value as trees. For any other node (SQL, HTTP,
 * log, …): where it was issued, the chain to it and what it contains.
 *
 * F4 or Ctrl/Cmd+E opens the selected node's file and line in the chosen editor. `history`,
 * given by the app, lists the function's calls across the project below the values.
 */
export function FrameView(props: {history?: ComponentType<{details: FrameDetails}>}) {
  const History = props.history
  const trace = useTraceRef()
  const model = useModel(trace)
  const nodeId = useSelectedNode()
  const selectNode = useSelectNode()
  const status = useNodeDetails(trace, nodeId)
  const valid = model !== undefined && nodeId !== undefined && nodeId < model.nodeCount
  const details = status.state === 'ready' && valid ? status.value : undefined
  const target = valid ? targetOf(model, nodeId, details) : undefined
  useOpenInEditorShortcut(target)
  if (!valid || !target) {
    const empty = (
      <div className="frame-view pane-empty" data-testid="frame-view">
        Select a function call to see its code and data.
      </div>
    )
    return model ? empty : <WholeTracePending what="The frame view" otherwise={empty} />
  }
  const isFrame = model.kind[nodeId] === NodeKind.frame
  const frame = details?.kind === 'frame' ? details : undefined
  return (
    <div className="frame-view" data-testid="frame-view" data-node-id={nodeId}>
      <FrameHeader model={model} nodeId={nodeId} target={target} onSelect={selectNode} />
      <div className="frame-scroll">
        {status.state === 'failed' && (
          <div className="source-note error-text">
            Could not load this call's values: {status.message}
          </div>
        )}
        {isFrame && (
          <FrameSection title="Implementation" testId="frame-implementation">
            <SourceBox fileId={model.fileId[nodeId]!}>
              {file => (
                <ImplementationCode
                  key={nodeId}
                  file={file}
                  model={model}
                  nodeId={nodeId}
                  details={frame}
                  onSelect={selectNode}
                />
              )}
            </SourceBox>
          </FrameSection>
        )}
        <FrameSection title={isFrame ? 'Called from' : 'Issued from'} testId="frame-called-from">
          <CalledFrom
            model={model}
            nodeId={nodeId}
            callSite={details?.callSite}
            settled={status.state === 'ready' || status.state === 'failed'}
            onSelect={selectNode}
          />
        </FrameSection>
        <FrameSection title="Call chain" testId="frame-chain">
          <CallChain model={model} nodeId={nodeId} onSelect={selectNode} />
        </FrameSection>
        {(isFrame || model.size[nodeId]! > 1) && (
          <FrameSection title="Calls made" testId="frame-children">
            <ChildrenList model={model} nodeId={nodeId} onSelect={selectNode} />
          </FrameSection>
        )}
        {frame && <Values details={frame} />}
        {frame && History && (
          <FrameSection title="Calls across the project" testId="frame-history">
            <History details={frame} />
          </FrameSection>
        )}
      </div>
    </div>
  )
}

/** The file and line the shortcut and the header button open: a frame's def, else the call site. */
function targetOf(
  model: TraceModel,
  nodeId: number,
  details: NodeDetails | undefined,
): {fileId: number; line: number} {
  const fileId = model.fileId[nodeId]!
  if (model.kind[nodeId] === NodeKind.frame) return {fileId, line: model.line[nodeId]!}
  const site = details?.callSite
  if (site?.fileId !== undefined) return {fileId: site.fileId, line: site.line}
  return {fileId, line: model.line[nodeId]!}
}

function Values(props: {details: FrameDetails}) {
  const d = props.details
  const blocks: [string, string, typeof d.args, boolean][] = [
    ['Arguments', 'values-args', d.args, true],
    ['Return value', 'values-return', d.returnValue, false],
    ['Raised', 'values-raised', d.raised, false],
    ['Locals at return', 'values-locals', d.locals, true],
  ]
  if (blocks.every(([, , v]) => v === undefined)) return null
  return (
    <FrameSection title="Values" testId="frame-values">
      <div className="frame-values">
        {blocks.map(([title, testId, value, asVariables]) =>
          value === undefined ? null : (
            <div key={testId} className="frame-values-block" data-testid={testId}>
              <div className="frame-values-title">{title}</div>
              <ValueTree value={value} asVariables={asVariables} openDepth={1} />
            </div>
          ),
        )}
      </div>
    </FrameSection>
  )
}
