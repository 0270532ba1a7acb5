import type {StateCreator} from 'zustand/vanilla'
import type {AppState, EditorSlice, LaunchStatus} from './app-state'
import {errorInfo} from './error-info'

// A success fades after a few seconds; a failure stays until the next launch.
const doneFadeMs = 6000

/** Creates the editor slice: open-in-editor and the outcome of the last launch. */
export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  let fade: ReturnType<typeof setTimeout> | undefined
  const setStatus = (status: LaunchStatus): void => {
    clearTimeout(fade)
    set({launchStatus: status})
    if (status.state === 'done') fade = setTimeout(() => setStatus({state: 'idle'}), doneFadeMs)
  }
  return {
    launchStatus: {state: 'idle'},
    openInEditor: (trace, target) => {
      if (target.fileId < 0) return
      setStatus({state: 'busy'})
      get()
        .api.openInEditor({
          trace,
          fileId: target.fileId,
          line: Math.max(1, target.line),
          ...(target.column ? {column: target.column} : {}),
        })
        .then(
          r => setStatus({state: 'done', text: `Opened ${r.file}:${r.line} in ${r.editor}`}),
          (error: unknown) => setStatus({state: 'failed', text: errorInfo(error).message}),
        )
    },
  }
}
