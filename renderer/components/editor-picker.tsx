import './source-forms.css'
import {useEffect, useState} from 'react'
import type {EditorPresetId, EditorSettings} from '../../shared/api/source-contract'
import {errorInfo} from '../state/error-info'
import {useAppStore} from '../state/use-app-store'
import {openInEditorShortcut} from './open-in-editor'

/** The editor chooser: detected presets, the current choice, and a custom template. */
export function EditorPicker() {
  const api = useAppStore(s => s.api)
  const [settings, setSettings] = useState<EditorSettings>()
  const [template, setTemplate] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    let live = true
    api.getEditorSettings({}).then(
      s => {
        if (!live) return
        setSettings(s)
        setTemplate(s.template ?? '')
      },
      (e: unknown) => live && setError(errorInfo(e).message),
    )
    return () => {
      live = false
    }
  }, [api])
  const choose = (preset: EditorPresetId, tpl?: string) => {
    setError(undefined)
    api
      .setEditor({preset, ...(tpl ? {template: tpl} : {})})
      .then(setSettings, (e: unknown) => setError(errorInfo(e).message))
  }
  if (!settings) {
    return <div className="editor-picker muted">{error ?? 'Looking for editors…'}</div>
  }
  return (
    <div className="editor-picker" data-testid="editor-picker">
      <label>
        <span>Open files in</span>
        <select
          value={settings.preset}
          data-testid="editor-select"
          onChange={e => {
            const preset = e.target.value as EditorPresetId
            if (preset !== 'custom') choose(preset)
            else setSettings({...settings, preset})
          }}
        >
          {settings.editors.map(ed => (
            <option key={ed.id} value={ed.id}>
              {ed.label}
              {ed.installed ? (ed.via === 'url' ? ' (Toolbox)' : '') : ' (not found)'}
            </option>
          ))}
        </select>
      </label>
      {settings.preset === 'custom' && (
        <form
          className="editor-template"
          onSubmit={e => {
            e.preventDefault()
            choose('custom', template.trim())
          }}
        >
          <input
            className="mono"
            value={template}
            onChange={e => setTemplate(e.target.value)}
            placeholder="mvim --remote-silent +{line} {file}   or   idea://open?file={file}&line={line}"
            spellCheck={false}
            data-testid="editor-template"
          />
          <button type="submit" className="button small">
            Save
          </button>
        </form>
      )}
      <div className="muted small">
        {settings.saved ? '' : 'Detected; choose to remember. '}Shortcut: {openInEditorShortcut}.
      </div>
      {error !== undefined && <div className="error-text">{error}</div>}
    </div>
  )
}
