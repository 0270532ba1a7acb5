import {rovingKeyDown} from '../../components/roving-keys'
import './testgen.css'
import '../../components/insights.css'
import {useId, useState} from 'react'
import type {GeneratedTest} from '../../../shared/api/testgen-contract'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {traceKey} from '../../../shared/model/trace-ref'
import type {TestStyle} from '../../../shared/testgen/report'
import {CodeBlock} from '../../components/code-block'
import {CopyButton} from '../../components/copy-button'
import {formatDurationMs} from '../../components/format'
import {WholeTracePending} from '../../components/load-progress'
import {ModeSwitch} from '../../components/mode-switch'
import {useGeneratedTest, useModel} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'
import {useAppStore} from '../../state/use-app-store'
import type {ResourceStatus} from '../../state/use-resource'
import {NothingToTest, TargetBar} from './test-target'
import {ReportSummary, TestReport} from './test-report'
import {SaveBar} from './test-save'

type Generated = Extract<GeneratedTest, {ok: true}>
type Pane = 'code' | 'report'

const styles = [
  {value: 'django', label: 'Django TestCase', testId: 'test-style-django'},
  {value: 'pytest', label: 'pytest', testId: 'test-style-pytest'},
] as const

/**
 * The Test view of the trace in view: a test generated from it (trace inversion) for its request,
 * or for the call "Generate test" was asked on; its code, what it arranges, mocks and asserts and
 * what it leaves out, and saving it into the project.
 */
export function TestView() {
  const trace = useTraceRef()
  const model = useModel(trace)
  const empty = <div className="pane-empty">Open a trace to generate a test.</div>
  // A big trace's first rows are in, not the whole: say how far its load is.
  if (!trace || !model) return <WholeTracePending what="The test" otherwise={empty} />
  return <TestViewBody key={traceKey(trace)} trace={trace} model={model} />
}

function TestViewBody(props: {trace: TraceRef; model: TraceModel}) {
  const {trace, model} = props
  const key = traceKey(trace)
  const nodeId = useAppStore(s => (s.testTarget?.trace === key ? s.testTarget.nodeId : undefined))
  const style = useAppStore(s => s.testStyle)
  const setStyle = useAppStore(s => s.setTestStyle)
  const resources = useAppStore(s => s.resources)
  const [fresh, setFresh] = useState(0)
  const [pane, setPane] = useState<Pane>('code')
  const panesId = useId()
  const status = useGeneratedTest(trace, {nodeId, style}, fresh)
  const again = (): void => {
    resources.evict('test', trace)
    setFresh(n => n + 1)
  }
  // While another style (or a fresh run) of the same target generates, the last test stays on
  // screen, dimmed, so nothing jumps; a new target starts from the loading state.
  const target = String(nodeId)
  const [last, setLast] = useState<{target: string; result: GeneratedTest}>()
  const ready = status.state === 'ready' ? status.value : undefined
  if (ready && (last?.result !== ready || last.target !== target)) {
    setLast({target, result: ready})
  }
  const stale = status.state === 'loading' && last?.target === target ? last.result : undefined
  const result = ready ?? stale
  const test = result?.ok ? result : undefined
  const shown: ResourceStatus<GeneratedTest> = stale ? {state: 'ready', value: stale} : status
  return (
    <div
      className={`testgen-view${stale ? ' stale' : ''}`}
      data-testid="test-view"
      aria-busy={status.state === 'loading'}
      data-state={status.state === 'ready' ? (test ? 'ready' : 'nothing') : status.state}
      data-target-kind={test?.report.target.kind}
      data-node-id={test?.report.target.nodeId ?? nodeId}
    >
      <TargetBar trace={trace} model={model} nodeId={nodeId} result={result} />
      {test && <ReportSummary report={test.report} />}
      <div className="view-toolbar insight-toolbar testgen-toolbar">
        {result?.ok !== false && (
          <>
            <div
              className="segmented testgen-pane-switch"
              role="tablist"
              aria-label="Show"
              onKeyDown={e => rovingKeyDown(e, true)}
            >
              {(['code', 'report'] as const).map(p => (
                <button
                  key={p}
                  role="tab"
                  aria-selected={pane === p}
                  aria-controls={`${panesId}-${p}`}
                  tabIndex={pane === p ? 0 : -1}
                  className={pane === p ? 'active' : undefined}
                  data-testid={`test-pane-${p}`}
                  onClick={() => setPane(p)}
                >
                  {p === 'code' ? 'Code' : 'Report'}
                </button>
              ))}
            </div>
            <ModeSwitch
              label="Test style"
              options={styles}
              value={style}
              onChange={(s: TestStyle) => setStyle(s)}
            />
          </>
        )}
        <span className="toolbar-spacer" />
        {result && <Timings result={result} />}
        <button
          className="button small"
          data-testid="test-regenerate"
          title="Generate the test again (after editing models.py, say)"
          disabled={status.state === 'loading'}
          onClick={again}
        >
          Generate again
        </button>
        {test && <CopyButton text={() => test.code} title="Copy the test" />}
      </div>
      <Body
        trace={trace}
        nodeId={nodeId}
        status={shown}
        pane={pane}
        panesId={panesId}
        retry={again}
      />
    </div>
  )
}

function Body(props: {
  trace: TraceRef
  nodeId: number | undefined
  status: ResourceStatus<GeneratedTest>
  pane: Pane
  panesId: string
  retry: () => void
}) {
  const {status, trace} = props
  const traceName = useAppStore(
    s => s.traceLists[trace.projectId]?.traces.find(t => t.id === trace.traceId)?.name,
  )
  if (status.state === 'failed') {
    return (
      <div className="center-message">
        <div className="error-banner" role="alert" data-testid="test-error">
          <strong>
            Could not generate a test for {traceName ?? 'trace'}{' '}
            <span className="mono">{trace.traceId}</span>.
          </strong>
          <div className="error-detail mono">{status.message}</div>
          <button className="button" onClick={props.retry}>
            Try again
          </button>
        </div>
      </div>
    )
  }
  if (status.state !== 'ready') {
    return (
      <div className="testgen-loading" data-testid="test-loading" role="status">
        <div className="progress indeterminate">
          <span />
        </div>
        <span className="muted">Generating a test from the trace…</span>
      </div>
    )
  }
  const result = status.value
  if (!result.ok) {
    return <NothingToTest trace={trace} nodeId={props.nodeId} reason={result.reason} />
  }
  return <Generated trace={trace} test={result} pane={props.pane} panesId={props.panesId} />
}

function Generated(props: {trace: TraceRef; test: Generated; pane: Pane; panesId: string}) {
  const {test} = props
  return (
    <div className="testgen-split" data-pane={props.pane}>
      <section
        id={`${props.panesId}-code`}
        className="testgen-code"
        role="tabpanel"
        aria-label="Test code"
        data-testid="test-code"
      >
        <SaveBar
          key={test.report.target.nodeId}
          trace={props.trace}
          code={test.code}
          suggestedPath={test.suggestedPath}
        />
        <CodeBlock code={test.code} language="python" />
      </section>
      <section
        id={`${props.panesId}-report`}
        className="testgen-report"
        role="tabpanel"
        aria-label="Test report"
        data-testid="test-report"
      >
        <TestReport report={test.report} />
      </section>
    </div>
  )
}

function Timings(props: {result: GeneratedTest}) {
  const t = props.result.timings
  const total = t.schemaMs + t.gatherMs + t.generateMs
  return (
    <span
      className="testgen-timing muted small"
      title={`models ${formatDurationMs(t.schemaMs)} · details ${formatDurationMs(t.gatherMs)} · generation ${formatDurationMs(t.generateMs)}`}
    >
      generated in {formatDurationMs(total)}
    </span>
  )
}
