import {useEffect, useMemo, useState} from 'react'
import type {ApiErrorCode} from '../../shared/api/errors'
import {errorInfo} from './error-info'

/** Where one resource (a node's details, a trace's insights, a file) is. */
export type ResourceStatus<V> =
  | {state: 'idle'}
  | {state: 'loading'}
  | {state: 'ready'; value: V}
  | {state: 'failed'; code: ApiErrorCode; message: string}

const idle = {state: 'idle'} as const
const loading = {state: 'loading'} as const

/**
 * A resource by key: what `peek` holds at once, else what `load` answers (a later key's answer
 * never shows under an earlier key). No key: idle, nothing asked.
 */
export function useResource<V>(
  key: string | undefined,
  peek: () => V | undefined,
  load: () => Promise<V>,
): ResourceStatus<V> {
  const cached = key === undefined ? undefined : peek()
  const ready = useMemo(
    (): ResourceStatus<V> | undefined =>
      cached === undefined ? undefined : {state: 'ready', value: cached},
    [cached],
  )
  const [result, setResult] = useState<{key: string; status: ResourceStatus<V>}>()
  const have = cached !== undefined
  useEffect(() => {
    if (key === undefined || have) return
    let live = true
    load().then(
      value => live && setResult({key, status: {state: 'ready', value}}),
      (error: unknown) => live && setResult({key, status: {state: 'failed', ...errorInfo(error)}}),
    )
    return () => {
      live = false
    }
    // `load` is a fresh closure each render; `key` says when it asks for something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, have])
  if (key === undefined) return idle
  if (ready) return ready
  return result?.key === key ? result.status : loading
}
