import {createContext, createElement, useContext} from 'react'
import type {ReactNode} from 'react'
import {useStore} from 'zustand'
import type {StoreApi} from 'zustand/vanilla'
import type {AppState} from './app-state'

const AppStoreContext = createContext<StoreApi<AppState> | undefined>(undefined)

/** Hands a store made by createAppStore to the components below. */
export function AppStoreProvider(props: {store: StoreApi<AppState>; children?: ReactNode}) {
  return createElement(AppStoreContext.Provider, {value: props.store}, props.children)
}

/** The store itself, for imperative reads (`getState`) and `subscribe` outside React renders. */
export function useAppStoreApi(): StoreApi<AppState> {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore used outside <AppStoreProvider>')
  return store
}

/** Select a slice of the app state; re-renders when the selected value changes (Object.is). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector)
}
