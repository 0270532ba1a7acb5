import {useEffect} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import {copyText} from '../components/copy-button'
import {formatKoloLink} from '../components/kolo-link'
import type {AppState} from '../state/app-state'
import {selectedTrace} from '../state/selectors'
import {fetchNodeDetails} from '../state/trace-resources'
import {useAppStoreApi} from '../state/use-app-store'

/** Focus the call tree's filter box (switching to the tree). */
export function focusTreeFilter(store: StoreApi<AppState>): void {
  store.getState().setActiveView('tree')
  requestAnimationFrame(() =>
    document.querySelector<HTMLInputElement>('[data-testid="tree-filter"]')?.focus(),
  )
}

/** The kolo-explorer:// link of what is selected: the node's execution, else the trace. */
export async function selectionLink(store: StoreApi<AppState>): Promise<string | undefined> {
  const s = store.getState()
  const trace = selectedTrace(s)
  const project = s.projects.find(p => p.id === trace?.projectId)
  if (!project || !trace) return undefined
  let frameId: string | undefined
  if (s.selectedNodeId !== undefined) {
    const details = await fetchNodeDetails(s.api, s.resources, trace, s.selectedNodeId)
    frameId = details.frameId
  }
  return formatKoloLink(project.path, trace.traceId, frameId)
}

/** Carry out the desktop menu's page commands that belong to the shell (find, copy link). */
export function useMenuCommands(): void {
  const store = useAppStoreApi()
  useEffect(
    () =>
      store.getState().api.on('menuCommandInvoked', ({command}) => {
        if (command === 'find') focusTreeFilter(store)
        if (command !== 'copy-link') return
        selectionLink(store).then(
          async link => {
            if (link === undefined) return
            await copyText(link)
            store.getState().showNotice({kind: 'info', message: `Copied ${link}`})
          },
          (error: unknown) =>
            store
              .getState()
              .showNotice({kind: 'error', message: `Could not copy the link: ${String(error)}`}),
        )
      }),
    [store],
  )
}
