import {useEffect} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import type {MenuCommand} from '../../../shared/api/projects-contract'
import type {AppState} from '../../state/app-state'
import {useAppStoreApi} from '../../state/use-app-store'

/**
 * Carry out the native menu's commands of this feature: settings, follow latest, open a project.
 * (Find and Copy Link are the shell's: renderer/app/menu-commands.ts.)
 */
export function runProjectsCommand(store: StoreApi<AppState>, command: MenuCommand): void {
  const s = store.getState()
  if (command === 'settings') s.setSettingsOpen(true)
  else if (command === 'follow-latest') s.toggleFollowLatest()
  else if (command === 'open-project') void s.pickProject('folder')
}

/**
 * The page's side of the menu's settings, follow-latest and open commands; the settings shortcut
 * in a browser (Ctrl/⌘+,); and a word about drops where the page cannot read a dropped path.
 */
export function useProjectsCommands(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const off = store
      .getState()
      .api.on('menuCommandInvoked', ({command}) => runProjectsCommand(store, command))
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === ',') {
        e.preventDefault()
        runProjectsCommand(store, 'settings')
      }
    }
    // In Electron a dropped file navigates, and the main process routes it; the page must not
    // take the drop. A browser never tells a page where a dropped file is: say how to add it.
    const isBrowser = () => store.getState().settings?.host === 'serve'
    const onDragOver = (e: DragEvent) => {
      if (isBrowser() && e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    const onDrop = (e: DragEvent) => {
      if (!isBrowser() || !e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      store.getState().showNotice({
        kind: 'info',
        message:
          'A browser does not say where a dropped file is: add the project by its path (Projects, +), or drop it on the desktop app.',
      })
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      off()
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [store])
}
