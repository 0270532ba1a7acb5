import {traceRef} from '../../../shared/model/trace-ref'
import {useAppStore} from '../../state/use-app-store'

/** The diff view with nothing to compare yet: the ways to start a comparison. */
export function DiffEmpty() {
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => s.selectedTraceId)
  const trace =
    projectId !== undefined && traceId !== undefined ? traceRef(projectId, traceId) : undefined
  const compareWithPrevious = useAppStore(s => s.compareWithPrevious)
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'
  return (
    <div className="center-message" data-testid="diff-empty">
      <div className="welcome diff-empty">
        <div className="welcome-title">Compare two traces</div>
        <div className="muted">What changed between two runs, down to values and queries.</div>
        <table className="shortcut-table">
          <tbody>
            <tr>
              <td>
                <span className="kbd">{mod}</span>+click, or <span className="kbd">Space</span>
              </td>
              <td>mark two traces in the list, then Compare</td>
            </tr>
            <tr>
              <td>
                <span className="kbd">C</span>
              </td>
              <td>in the list: compare a trace with the previous one of its endpoint</td>
            </tr>
          </tbody>
        </table>
        {trace && (
          <button
            className="button"
            data-testid="compare-previous"
            onClick={() => void compareWithPrevious(trace)}
          >
            Compare the open trace with the previous one of its endpoint
          </button>
        )}
      </div>
    </div>
  )
}
