import {render} from '@testing-library/react'
import type {RenderResult} from '@testing-library/react'
import type {ReactNode} from 'react'
import type {StoreApi} from 'zustand/vanilla'
import type {TraceClient} from '../../shared/api/contract'
import {createAppStore} from '../state/app-store'
import type {AppState} from '../state/app-state'
import {AppStoreProvider} from '../state/use-app-store'

/** Render `ui` inside a provider over a fresh store built on `api`. */
export function renderWithStore(
  ui: ReactNode,
  api: TraceClient,
): RenderResult & {store: StoreApi<AppState>} {
  const store = createAppStore(api)
  const result = render(<AppStoreProvider store={store}>{ui}</AppStoreProvider>)
  return {...result, store}
}
