import {useMemo} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import type {PaletteCommand} from '../features/palette/palette-model'
import type {AppState} from '../state/app-state'
import {useAppStore, useAppStoreApi} from '../state/use-app-store'
import type {ViewName} from '../state/view-names'
import {viewList} from './views'

/** Show a centre view; from the overview, of the trace the user left (as the view tabs do). */
export function showView(store: StoreApi<AppState>, view: ViewName): void {
  const s = store.getState()
  const back = s.overviewReturn
  if (s.selectedTraceId === undefined && back && back.projectId === s.selectedProjectId) {
    s.selectTrace(back.projectId, back.traceId)
  }
  s.setActiveView(view)
}

/** The palette's commands: the overview and the views, settings, theme, projects. */
export function usePaletteCommands(): PaletteCommand[] {
  const store = useAppStoreApi()
  const host = useAppStore(s => s.settings?.host)
  const follow = useAppStore(s => s.settings?.followLatest ?? false)
  return useMemo(() => {
    const s = () => store.getState()
    const commands: PaletteCommand[] = [
      {
        id: 'overview',
        label: 'Go to the project overview',
        detail: 'Esc from a trace',
        keywords: 'timeline endpoints overlap home',
        run: () => s().showOverview(),
      },
      ...viewList.map(v => ({
        id: `view-${v.name}`,
        label: `Show the ${v.label} view`,
        detail: `key ${v.key}`,
        keywords: 'view tab',
        run: () => showView(store, v.name),
      })),
      {
        id: 'settings',
        label: 'Open settings',
        detail: 'Ctrl+,',
        keywords: 'preferences editor',
        run: () => s().setSettingsOpen(true),
      },
      {
        id: 'theme-dark',
        label: 'Theme: dark',
        keywords: 'colour color appearance',
        run: () => void s().updateSettings({theme: 'dark'}),
      },
      {
        id: 'theme-light',
        label: 'Theme: light',
        keywords: 'colour color appearance',
        run: () => void s().updateSettings({theme: 'light'}),
      },
      {
        id: 'theme-system',
        label: 'Theme: follow the system',
        keywords: 'colour color appearance',
        run: () => void s().updateSettings({theme: 'system'}),
      },
      {
        id: 'follow',
        label: follow ? 'Stop following the latest trace' : 'Follow the latest trace',
        detail: 'opens each new trace as it arrives',
        keywords: 'live',
        run: () => s().toggleFollowLatest(),
      },
    ]
    if (host === 'desktop') {
      commands.push({
        id: 'open-project',
        label: 'Open project folder…',
        detail: 'Ctrl+O',
        keywords: 'add',
        run: () => void s().pickProject('folder'),
      })
    } else {
      commands.push({
        id: 'open-project-hint',
        label: 'Open project…',
        detail: 'type its absolute path here',
        keywords: 'add folder',
        run: () =>
          s().showNotice({
            kind: 'info',
            message:
              'Type the project’s absolute path in Find anything (Ctrl+K), or use + in the Projects list.',
          }),
      })
    }
    return commands
  }, [store, host, follow])
}
