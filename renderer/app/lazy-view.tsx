import {createElement, lazy} from 'react'
import type {ComponentType} from 'react'

/** A view component that loads its chunk on first render, or earlier through preload(). */
export type LazyView = ComponentType & {preload: () => Promise<void>}

/**
 * A view whose code loads on demand (keeping the shell's first paint small): `load` imports the
 * feature's module and answers the component to show.
 */
export function lazyView(load: () => Promise<ComponentType>): LazyView {
  let loaded: ComponentType | undefined
  let loading: Promise<void> | undefined
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      component => {
        loaded = component
      },
      (error: unknown) => {
        loading = undefined // a chunk that failed to load is fetched again on the next try
        throw error
      },
    ))
  const Suspending = lazy(async () => {
    await preload()
    return {default: loaded!}
  })
  // Once the chunk is in, render the view directly: suspending even for a moment would show the
  // fallback, and React then holds the reveal back (its Suspense throttle) for up to 300 ms.
  return Object.assign(() => createElement(loaded ?? Suspending), {preload})
}

/**
 * Load every lazy view's chunk now (while a trace loads, or once the shell is idle), so opening a
 * view never waits on one. Never rejects: a chunk that fails here is fetched again when its view
 * renders, and that view's error boundary says why.
 */
export function preloadAll(views: readonly ComponentType[]): Promise<void> {
  const lazyViews = views.filter((v): v is LazyView => 'preload' in v)
  return Promise.allSettled(lazyViews.map(v => v.preload())).then(() => undefined)
}
