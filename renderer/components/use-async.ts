import {useEffect, useState} from 'react'

/** The state of an async result: pending, done or failed. */
export type AsyncState<T> =
  | {state: 'idle'}
  | {state: 'pending'}
  | {state: 'done'; value: T}
  | {state: 'failed'; message: string}

/**
 * Run `load` when `key` changes and hold its result; a result that arrives after the key changed
 * again is dropped, so a slow merge never overwrites a newer one. No `load`: idle.
 */
export function useAsync<T>(key: unknown, load: (() => Promise<T>) | undefined): AsyncState<T> {
  const [result, setResult] = useState<{key: unknown; state: AsyncState<T>}>({
    key: undefined,
    state: {state: 'idle'},
  })
  const enabled = load !== undefined
  useEffect(() => {
    if (!load) return
    let live = true
    load().then(
      value => live && setResult({key, state: {state: 'done', value}}),
      (error: unknown) =>
        live &&
        setResult({
          key,
          state: {state: 'failed', message: error instanceof Error ? error.message : String(error)},
        }),
    )
    return () => {
      live = false
    }
    // `load` is a fresh closure each render; `key` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled])
  if (!enabled) return {state: 'idle'}
  return result.key === key ? result.state : {state: 'pending'}
}
