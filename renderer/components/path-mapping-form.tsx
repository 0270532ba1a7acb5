import './source-forms.css'
import {useState} from 'react'
import type {ReactNode} from 'react'
import {errorInfo} from '../state/error-info'
import {useAppStore} from '../state/use-app-store'

/**
 * Add a path mapping to a project: files recorded under one prefix (a container's /app) are read
 * from a local folder. On success every source on screen is read again.
 *
 * `inline`: one row of placeholder inputs (the settings view), emptied after each mapping added;
 * otherwise labelled inputs under a hint (the frame view's "source not found" notice).
 */
export function PathMappingForm(props: {
  projectId: string | undefined
  initial?: {from: string; to: string}
  hint?: ReactNode
  inline?: boolean
  onAdded?: () => void
}) {
  const api = useAppStore(s => s.api)
  const invalidateSources = useAppStore(s => s.invalidateSources)
  const [from, setFrom] = useState(props.initial?.from ?? '')
  const [to, setTo] = useState(props.initial?.to ?? '')
  const [state, setState] = useState<{busy: boolean; error?: string}>({busy: false})
  const {projectId, inline} = props
  const submit = () => {
    if (projectId === undefined) return
    setState({busy: true})
    api.addPathMapping({projectId, from: from.trim(), to: to.trim()}).then(
      () => {
        setState({busy: false})
        if (inline) {
          setFrom('')
          setTo('')
        }
        invalidateSources()
        props.onAdded?.()
      },
      (error: unknown) => setState({busy: false, error: errorInfo(error).message}),
    )
  }
  const empty = from.trim() === '' || to.trim() === ''
  return (
    <form
      className={inline ? 'add-mapping' : 'mapping-form'}
      onSubmit={e => {
        e.preventDefault()
        submit()
      }}
    >
      {props.hint !== undefined && <div className="mapping-hint muted">{props.hint}</div>}
      {inline ? (
        <>
          <input
            className="text-input mono"
            value={from}
            onChange={e => setFrom(e.target.value)}
            placeholder="recorded prefix, e.g. /app"
            aria-label="Recorded prefix"
            spellCheck={false}
          />
          <span className="faint">→</span>
          <input
            className="text-input mono"
            value={to}
            onChange={e => setTo(e.target.value)}
            placeholder="local folder, e.g. /home/me/src/shop"
            aria-label="Local folder"
            spellCheck={false}
          />
        </>
      ) : (
        <>
          <label>
            <span>Recorded prefix</span>
            <input
              className="mono"
              value={from}
              onChange={e => setFrom(e.target.value)}
              data-testid="mapping-from"
              placeholder="/app/"
              spellCheck={false}
            />
          </label>
          <label>
            <span>Local folder</span>
            <input
              className="mono"
              value={to}
              onChange={e => setTo(e.target.value)}
              data-testid="mapping-to"
              placeholder="/home/me/src/shop/"
              spellCheck={false}
            />
          </label>
        </>
      )}
      <button
        type="submit"
        className={inline ? 'button' : 'button primary'}
        data-testid={inline ? undefined : 'add-mapping'}
        disabled={state.busy || empty}
      >
        Add mapping
      </button>
      {state.error !== undefined && (
        <div className="error-text" role="alert">
          {state.error}
        </div>
      )}
    </form>
  )
}
