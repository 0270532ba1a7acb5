import './open-in-editor.css'
import {useCallback, useEffect, useRef} from 'react'
import type {EditorTarget, LaunchStatus} from '../state/app-state'
import {useTraceRef} from '../state/trace-scope'
import {useAppStore, useAppStoreApi} from '../state/use-app-store'

/** A place in a file of the trace in view. */
export type EditorTargetRef = EditorTarget

/** The outcome of the last open-in-editor, for a status line. */
export function useLaunchStatus(): LaunchStatus {
  return useAppStore(s => s.launchStatus)
}

/** A function that opens a file of the trace in view at a line in the chosen editor. */
export function useOpenInEditor(): (target: EditorTargetRef) => void {
  const store = useAppStoreApi()
  const trace = useTraceRef()
  return useCallback(
    (target: EditorTargetRef) => {
      if (trace) store.getState().openInEditor(trace, target)
    },
    [store, trace],
  )
}

/** The open-in-editor shortcut, for tooltips and the help. */
export const openInEditorShortcut = 'F4 or Ctrl+E (⌘E)'

// Several views may offer a shortcut target at once (the frame view, the details panel): one
// window listener serves them all, and the most recently mounted target wins, so one key press
// never starts two editors.
type ShortcutEntry = {target?: EditorTargetRef; open: (t: EditorTargetRef) => void}
const shortcutStack: ShortcutEntry[] = []

function onShortcutKey(e: KeyboardEvent): void {
  const el = e.target instanceof Element ? e.target : undefined
  if (el?.closest('input, textarea, select, [contenteditable="true"]')) return
  const isF4 = e.key === 'F4' && !e.ctrlKey && !e.metaKey && !e.altKey
  const isModE = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e'
  if (!isF4 && !isModE) return
  const top = shortcutStack[shortcutStack.length - 1]
  const t = top?.target
  if (!top || !t || t.fileId < 0) return
  e.preventDefault()
  top.open(t)
}

/**
 * Open `target` with F4 (PyCharm's "Jump to Source") or Ctrl/Cmd+E, while mounted.
 *
 * Ignored while typing in a field, so the mapping and template inputs keep their keys.
 */
export function useOpenInEditorShortcut(target: EditorTargetRef | undefined): void {
  const open = useOpenInEditor()
  const entry = useRef<ShortcutEntry>({target, open})
  useEffect(() => {
    entry.current.target = target
    entry.current.open = open
  })
  useEffect(() => {
    const mine = entry.current
    shortcutStack.push(mine)
    if (shortcutStack.length === 1) window.addEventListener('keydown', onShortcutKey)
    return () => {
      shortcutStack.splice(shortcutStack.indexOf(mine), 1)
      if (shortcutStack.length === 0) window.removeEventListener('keydown', onShortcutKey)
    }
  }, [])
}

/** A small "open in editor" button for a file and line. */
export function OpenInEditorButton(props: EditorTargetRef & {label?: string; testId?: string}) {
  const open = useOpenInEditor()
  const {fileId, line, column} = props
  if (fileId < 0) return null
  return (
    <button
      className={props.label ? 'button small' : 'open-editor-button'}
      title={`Open in editor at line ${line}`}
      data-testid={props.testId ?? 'open-in-editor'}
      onClick={e => {
        e.stopPropagation()
        open({fileId, line, column})
      }}
    >
      {props.label ?? '↗'}
    </button>
  )
}
