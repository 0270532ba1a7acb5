import {useTraceRef} from '../state/trace-scope'
import {useAppStoreApi} from '../state/use-app-store'

/**
 * "Generate test" for a node of the trace in view (a function call, or one request of several):
 * opens the Test view on that node. `link` draws it as a link (the details panel's links row).
 */
export function GenerateTestButton(props: {nodeId: number; link?: boolean; testId?: string}) {
  const store = useAppStoreApi()
  const trace = useTraceRef()
  if (!trace) return null
  return (
    <button
      className={props.link ? 'link-button' : 'button small'}
      title="Generate a test for this call from the trace (the Test view)"
      data-testid={props.testId ?? 'generate-test'}
      onClick={e => {
        e.stopPropagation()
        store.getState().openTest(trace, props.nodeId)
      }}
    >
      Generate test
    </button>
  )
}
