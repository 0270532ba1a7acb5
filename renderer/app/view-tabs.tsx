import {useEffect, useRef} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import {rovingKeyDown} from '../components/roving-keys'
import {TabCountBadge} from '../components/tab-count'
import type {AppState} from '../state/app-state'
import {useAppStore, useAppStoreApi} from '../state/use-app-store'
import type {ViewName} from '../state/view-names'
import {viewList, viewSpec} from './views'

const firstInsight = viewList.find(v => v.count)?.name
const firstStandalone = viewList.find(v => v.standalone)?.name

/**
 * Whether the centre shows the project overview: a project is open, no trace is, and no
 * standalone view (the diff view, which needs no open trace) is active.
 */
export function useOverviewShown(): boolean {
  return useAppStore(
    s =>
      s.selectedProjectId !== undefined &&
      s.selectedTraceId === undefined &&
      !viewSpec(s.activeView).standalone,
  )
}

/** Show the project overview, also from a standalone view (which then gives way to the tree). */
export function showProjectOverview(store: StoreApi<AppState>): void {
  const s = store.getState()
  if (viewSpec(s.activeView).standalone) s.setActiveView(viewList[0]!.name)
  s.showOverview()
}

/** Show a view; from the overview, a trace view goes back to the trace the user left. */
export function chooseView(store: StoreApi<AppState>, view: ViewName): void {
  const s = store.getState()
  const back = s.overviewReturn
  const onOverview =
    s.selectedProjectId !== undefined &&
    s.selectedTraceId === undefined &&
    !viewSpec(s.activeView).standalone
  if (onOverview && back && back.projectId === s.selectedProjectId && !viewSpec(view).standalone) {
    s.selectTrace(back.projectId, back.traceId)
  }
  s.setActiveView(view)
}

/** The id of a view's tab, which labels the view panel. */
export const viewTabId = (name: ViewName): string => `view-tab-${name}`

/** The id of the project overview's tab. */
export const overviewTabId = 'view-tab-overview'

/** The id of the panel the view tabs control. */
export const viewPanelId = 'view-panel'

/**
 * The view tabs: the project overview, the trace views, and the insight views (with their counts)
 * after a divider. From the overview, a view tab goes back to the trace the user left. A WAI-ARIA
 * tab list: one tab stop, ←/→ Home/End move between tabs and show each view.
 */
export function ViewTabs() {
  const active = useAppStore(s => s.activeView)
  const overview = useOverviewShown()
  const store = useAppStoreApi()
  const choose = (view: ViewName): void => chooseView(store, view)
  // The bar scrolls sideways where the centre is narrow: keep the active tab in sight.
  const barRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // Scroll the bar itself: scrollIntoView would also move the page's sequential focus
    // starting point (the next Tab would leave from the tab, not from where the user was).
    const bar = barRef.current
    const tab = bar?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
    if (!bar || !tab) return
    const left =
      tab.getBoundingClientRect().left - bar.getBoundingClientRect().left + bar.scrollLeft
    if (left < bar.scrollLeft) bar.scrollLeft = left
    else if (left + tab.offsetWidth > bar.scrollLeft + bar.clientWidth) {
      bar.scrollLeft = left + tab.offsetWidth - bar.clientWidth
    }
  }, [active, overview])
  return (
    <div
      ref={barRef}
      className="view-tabs"
      role="tablist"
      aria-label="Views"
      onKeyDown={e => rovingKeyDown(e, true)}
    >
      <button
        role="tab"
        id={overviewTabId}
        className={`view-tab overview-tab${overview ? ' active' : ''}`}
        aria-selected={overview}
        aria-controls={viewPanelId}
        tabIndex={overview ? 0 : -1}
        data-testid="tab-overview"
        title="The project: every trace on a timeline, endpoints, overlap (Esc from a trace)"
        onClick={() => showProjectOverview(store)}
      >
        Overview
      </button>
      {viewList.map(t => (
        <button
          key={t.name}
          id={viewTabId(t.name)}
          role="tab"
          className={`view-tab${!overview && active === t.name ? ' active' : ''}${t.name === firstInsight || t.name === firstStandalone ? ' first-insight' : ''}`}
          aria-selected={!overview && active === t.name}
          aria-controls={viewPanelId}
          tabIndex={!overview && active === t.name ? 0 : -1}
          data-testid={`tab-${t.name}`}
          title={`${t.label} (${t.key})`}
          onClick={() => choose(t.name)}
        >
          {t.label}
          {t.count && <TabCountBadge countOf={t.count} testId={`tab-count-${t.name}`} />}
        </button>
      ))}
    </div>
  )
}
