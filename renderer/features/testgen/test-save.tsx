import {useId, useState} from 'react'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {errorInfo} from '../../state/error-info'
import {useAppStore} from '../../state/use-app-store'
import {ConfirmDialog} from './confirm-dialog'

type SaveState =
  | {state: 'idle'}
  | {state: 'saving'}
  /** A file is in the way: the user is asked before it is replaced. */
  | {state: 'confirm'; file: string}
  | {state: 'saved'; file: string; code: string; replaced: boolean}
  | {state: 'kept'; file: string}
  | {state: 'failed'; message: string}

type OpenState = {state: 'idle' | 'opening'} | {state: 'done' | 'failed'; text: string}

/**
 * Saving a generated test into the project: at the suggested path (editable, relative to the
 * project's source root), never over a file without asking, then opening it in the editor.
 */
export function SaveBar(props: {trace: TraceRef; code: string; suggestedPath: string}) {
  const {trace, code} = props
  const api = useAppStore(s => s.api)
  const [edited, setEdited] = useState<string>()
  const relative = edited ?? props.suggestedPath
  const [save, setSave] = useState<SaveState>({state: 'idle'})
  const [open, setOpen] = useState<OpenState>({state: 'idle'})
  const inputId = useId()

  const write = async (overwrite: boolean): Promise<void> => {
    if (save.state === 'saving') return
    const saving = code
    setSave({state: 'saving'})
    setOpen({state: 'idle'})
    try {
      const saved = await api.saveGeneratedTest({
        trace,
        path: relative.trim(),
        code: saving,
        ...(overwrite ? {overwrite} : {}),
      })
      setSave(
        saved.status === 'exists'
          ? {state: 'confirm', file: saved.path}
          : {state: 'saved', file: saved.path, code: saving, replaced: overwrite},
      )
    } catch (error) {
      setSave({state: 'failed', message: errorInfo(error).message})
    }
  }

  const openSaved = async (file: string): Promise<void> => {
    setOpen({state: 'opening'})
    try {
      const launched = await api.openSavedTest({path: file})
      setOpen({state: 'done', text: `Opened in ${launched.editor}`})
    } catch (error) {
      setOpen({state: 'failed', text: errorInfo(error).message})
    }
  }

  // A save of other code (before a style switch) no longer describes what is shown.
  const saved = save.state === 'saved' && save.code === code ? save : undefined
  return (
    <div className="testgen-save" data-testid="test-save">
      <div className="testgen-save-row">
        <label htmlFor={inputId} className="testgen-save-label">
          Save as
        </label>
        <input
          id={inputId}
          className="text-input mono testgen-path"
          value={relative}
          spellCheck={false}
          aria-describedby={`${inputId}-hint`}
          data-testid="test-path"
          onChange={e => {
            setEdited(e.target.value)
            setSave({state: 'idle'})
          }}
          onKeyDown={e => {
            if (e.key === 'Enter' && relative.trim() !== '') void write(false)
          }}
        />
        <button
          className="button small primary"
          data-testid="test-save-button"
          // Not `disabled` while saving: the overwrite dialog gives focus back to this button.
          aria-disabled={save.state === 'saving'}
          disabled={relative.trim() === ''}
          onClick={() => void write(false)}
        >
          {save.state === 'saving' ? 'Saving…' : 'Save'}
        </button>
      </div>
      <div id={`${inputId}-hint`} className="testgen-save-status small" aria-live="polite">
        {saved ? (
          <span data-testid="test-saved">
            <span className="testgen-ok">{saved.replaced ? 'Replaced' : 'Saved'}</span>{' '}
            <span className="mono">{saved.file}</span>{' '}
            <button
              className="link-button"
              data-testid="test-open-editor"
              disabled={open.state === 'opening'}
              onClick={() => void openSaved(saved.file)}
            >
              Open in editor
            </button>
            {open.state === 'done' && <span className="muted"> · {open.text}</span>}
            {open.state === 'failed' && (
              <span className="error-text" role="alert">
                {' '}
                · {open.text}
              </span>
            )}
          </span>
        ) : save.state === 'failed' ? (
          <span className="error-text" role="alert" data-testid="test-save-error">
            Not saved: {save.message}
          </span>
        ) : save.state === 'kept' ? (
          <span className="muted" data-testid="test-kept">
            Not saved: <span className="mono">{save.file}</span> was kept as it is.
          </span>
        ) : (
          <span className="muted">
            Relative to the project&apos;s source root; an existing file is never replaced without
            asking.
          </span>
        )}
      </div>
      {save.state === 'confirm' && (
        <ConfirmDialog
          title="Replace the existing file?"
          confirmLabel="Replace"
          testId="test-overwrite-dialog"
          onConfirm={() => void write(true)}
          onCancel={() => setSave({state: 'kept', file: save.file})}
        >
          <p>
            <span className="mono break">{save.file}</span> already exists.
          </p>
          <p className="muted">
            Replacing it loses what it holds now. The generated test is not saved otherwise.
          </p>
        </ConfirmDialog>
      )}
    </div>
  )
}
