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
  const fields = [
    {name: 'Recorded prefix', value: from, set: setFrom, testId: 'mapping-from', eg: '/app'},
    {name: 'Local folder', value: to, set: setTo, testId: 'mapping-to', eg: '/home/me/src/shop'},
  ] as const
  // Inline: placeholders name the fields; labelled: the labels do, and tests find the inputs.
  const input = (f: (typeof fields)[number]) => (
    <input
      className={inline ? 'text-input mono' : 'mono'}
      value={f.value}
      onChange={e => f.set(e.target.value)}
      placeholder={inline ? `${f.name.toLowerCase()}, e.g. ${f.eg}` : `${f.eg}/`}
      aria-label={inline ? f.name : undefined}
      data-testid={inline ? undefined : f.testId}
      spellCheck={false}
    />
  )
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
          {input(fields[0])}
          <span className="faint">→</span>
          {input(fields[1])}
        </>
      ) : (
        fields.map(f => (
          <label key={f.name}>
            <span>{f.name}</span>
            {input(f)}
          </label>
        ))
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
