import type {GeneratedTest} from '../../../shared/api/testgen-contract'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {KindIcon} from '../../components/icons'
import {useModel} from '../../state/trace-hooks'
import {useSelectedNode} from '../../state/trace-scope'
import {useAppStoreApi} from '../../state/use-app-store'

/** Whether the trace holds a request (a test of the request is possible). */
function hasRequest(model: TraceModel): boolean {
  return model.kind.includes(NodeKind.request)
}

/** The selected node when it is a function call other than `except`, else undefined. */
function useSelectedFrame(model: TraceModel | undefined, except?: number): number | undefined {
  const selected = useSelectedNode()
  if (!model || selected === undefined || selected === except) return undefined
  return model.kind[selected] === NodeKind.frame ? selected : undefined
}

/** A short name for a call: `average_rating` for `shelf.models.Book.average_rating`. */
function shortName(name: string): string {
  return name.split('.').at(-1) ?? name
}

/**
 * What the Test view tests: the trace's request or one function call, where that call is, and
 * the ways to another target (back to the request's test; the call selected meanwhile).
 */
export function TargetBar(props: {
  trace: TraceRef
  model: TraceModel
  /** The node asked for; undefined: the trace's request. */
  nodeId: number | undefined
  result: GeneratedTest | undefined
}) {
  const {trace, model, nodeId, result} = props
  const store = useAppStoreApi()
  const report = result?.ok ? result.report : undefined
  const shown = report?.target.nodeId ?? nodeId
  const isFrame =
    report !== undefined
      ? report.target.kind === 'frame'
      : nodeId !== undefined && model.kind[nodeId] === NodeKind.frame
  const name = report?.target.name ?? (shown !== undefined ? nameOf(model, shown) : undefined)
  const file = shown !== undefined && isFrame ? fileOf(model, shown) : undefined
  const line = shown !== undefined ? model.line[shown] : undefined
  const selectedFrame = useSelectedFrame(model, shown)
  return (
    <div
      className={`testgen-target kind-${isFrame ? 'frame' : 'request'}`}
      data-testid="test-target"
    >
      <span className="testgen-target-kind">
        <KindIcon kind={isFrame ? 'frame' : 'request'} size={13} />
        {isFrame ? 'Unit test of' : 'Test of the request'}
      </span>
      {name !== undefined && (
        <span className="testgen-target-name mono" title={name} data-testid="test-target-name">
          {name}
        </span>
      )}
      {file !== undefined && (
        <span className="testgen-target-loc mono muted" title={file}>
          {file}
          {line ? `:${line}` : ''}
        </span>
      )}
      <span className="toolbar-spacer" />
      {selectedFrame !== undefined && (
        <button
          className="link-button small"
          data-testid="test-selected-frame"
          title={`Generate a test for the selected call, ${nameOf(model, selectedFrame)}`}
          onClick={() => store.getState().openTest(trace, selectedFrame)}
        >
          Test the selected call ({shortName(nameOf(model, selectedFrame))})
        </button>
      )}
      {nodeId !== undefined && hasRequest(model) && (
        <button
          className="link-button small"
          data-testid="test-back-to-request"
          onClick={() => store.getState().openTest(trace)}
        >
          ← The request&apos;s test
        </button>
      )}
    </div>
  )
}

/**
 * The call that runs `nodeId`, skipping nested functions and comprehensions (`<locals>`,
 * `<listcomp>`…), which cannot be imported by a test; undefined at the top.
 */
function callerFrame(model: TraceModel, nodeId: number): number | undefined {
  for (let p = model.parent[nodeId]!; p >= 0; p = model.parent[p]!) {
    if (model.kind[p] === NodeKind.frame && !nameOf(model, p).includes('<')) return p
  }
  return undefined
}

/** Why there is no test for this target, and what to do instead: pick a function call. */
export function NothingToTest(props: {
  trace: TraceRef
  nodeId: number | undefined
  reason: string
}) {
  const {trace} = props
  const model = useModel(trace)
  const store = useAppStoreApi()
  const selectedFrame = useSelectedFrame(model, props.nodeId)
  const caller =
    model && props.nodeId !== undefined && props.nodeId < model.nodeCount
      ? callerFrame(model, props.nodeId)
      : undefined
  const offer = selectedFrame ?? caller
  return (
    <div className="center-message">
      <div className="testgen-nothing" data-testid="test-nothing" role="status">
        <div className="testgen-nothing-title">Nothing to test here</div>
        <div className="testgen-nothing-reason">
          The generator says: <span className="mono">{props.reason}</span>.
        </div>
        <div className="muted">
          {props.nodeId === undefined
            ? 'A single function call can become a unit test: pick one in the tree or the flame chart, then choose '
            : 'Another call may: the function that runs this one, say. Pick it in the tree or the flame chart, then choose '}
          <strong>Generate test</strong> in its details or in the frame view.
        </div>
        {offer !== undefined && model && (
          <button
            className="button"
            data-testid={offer === selectedFrame ? 'test-selected-frame' : 'test-caller-frame'}
            title={nameOf(model, offer)}
            onClick={() => store.getState().openTest(trace, offer)}
          >
            Generate a test for {offer === selectedFrame ? '' : 'the caller, '}
            {shortName(nameOf(model, offer))}
          </button>
        )}
      </div>
    </div>
  )
}
