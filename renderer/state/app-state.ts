import type {TraceClient} from '../../shared/api/contract'
import type {LinkSlice} from './link-slice'
import type {ProjectsSlice} from './projects-slice'
import type {SelectionSlice} from './selection-slice'
import type {TracesSlice} from './traces-slice'
import type {UiSlice} from './ui-slice'

/** Fields that belong to the store as a whole rather than to one slice. */
export interface RootSlice {
  /** The backend, as connect.ts built it (or a fake in tests). */
  api: TraceClient
  /** Load the projects, pick the first (or the one given) and list its traces. */
  start: (projectId?: string) => Promise<void>
  /** Unsubscribe from the API's events; the store is unusable for live updates afterwards. */
  dispose: () => void
}

/** The whole app state: every slice combined. */
export type AppState = RootSlice &
  TracesSlice &
  SelectionSlice &
  UiSlice &
  LinkSlice &
  ProjectsSlice
