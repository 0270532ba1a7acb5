import './source-forms.css'
import {useEffect, useState} from 'react'
import type {SourceSettings} from '../../shared/api/source-contract'
import {errorInfo} from '../state/error-info'
import {useTraceRef} from '../state/trace-scope'
import {useAppStore} from '../state/use-app-store'

/**
 * The source root and path mappings of the project in view: change the root, remove a mapping. Read
 * again whenever the source settings change (a mapping added elsewhere).
 */
export function SourceSettingsPanel() {
  const api = useAppStore(s => s.api)
  // The project of the trace in view (a side-by-side pane's), else the shown project.
  const selectedProjectId = useAppStore(s => s.selectedProjectId)
  const projectId = useTraceRef()?.projectId ?? selectedProjectId
  const generation = useAppStore(s => s.sourcesGeneration)
  const invalidateSources = useAppStore(s => s.invalidateSources)
  const [settings, setSettings] = useState<SourceSettings>()
  const [root, setRoot] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (!projectId) return
    let live = true
    api.getSourceSettings({projectId}).then(
      s => {
        if (!live) return
        setSettings(s)
        setRoot(s.sourceRoot)
      },
      (e: unknown) => live && setError(errorInfo(e).message),
    )
    return () => {
      live = false
    }
  }, [api, projectId, generation])
  if (!projectId) return null
  const apply = (p: Promise<SourceSettings>) => {
    setError(undefined)
    p.then(
      s => {
        setSettings(s)
        setRoot(s.sourceRoot)
        invalidateSources()
      },
      (e: unknown) => setError(errorInfo(e).message),
    )
  }
  return (
    <div className="source-settings" data-testid="source-settings">
      <form
        className="source-root"
        onSubmit={e => {
          e.preventDefault()
          apply(api.setSourceRoot({projectId, ...(root.trim() ? {sourceRoot: root.trim()} : {})}))
        }}
      >
        <label>
          <span>Source root</span>
          <input
            className="mono"
            value={root}
            onChange={e => setRoot(e.target.value)}
            spellCheck={false}
            data-testid="source-root"
          />
        </label>
        <button type="submit" className="button small">
          Set
        </button>
        {settings && settings.sourceRoot !== settings.defaultSourceRoot && (
          <button
            type="button"
            className="link-button"
            onClick={() => apply(api.setSourceRoot({projectId}))}
          >
            Reset to {settings.defaultSourceRoot}
          </button>
        )}
      </form>
      <div className="muted small">
        Relative paths in the trace are read from here: the working directory of the traced process.
      </div>
      {settings && settings.mappings.length > 0 && (
        <table className="mapping-table" data-testid="mapping-table">
          <tbody>
            {settings.mappings.map(m => (
              <tr key={m.from}>
                <td className="mono">{m.from}</td>
                <td className="faint">→</td>
                <td className="mono">{m.to}</td>
                <td>
                  <button
                    className="link-button"
                    onClick={() => apply(api.removePathMapping({projectId, from: m.from}))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error !== undefined && <div className="error-text">{error}</div>}
    </div>
  )
}
