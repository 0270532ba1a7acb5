import {useEffect, useRef, useState} from 'react'
import type {TraceClient} from '../../shared/api/contract'
import type {ApiErrorCode} from '../../shared/api/errors'
import type {IndexNotice, IndexProgress} from '../../shared/project-index/index-types'
import {errorInfo} from './error-info'
import {useAppStore} from './use-app-store'

/** An answer of the project index, as a view holds it while it refreshes. */
export type IndexQuery<V> =
  | {state: 'idle'}
  | {state: 'loading'; value?: V}
  | {state: 'ready'; value: V; refreshing: boolean}
  | {state: 'failed'; code: ApiErrorCode; message: string; value?: V}

const emptyNotices: IndexNotice[] = []

/** How often a project's index changed since the page opened: views refetch when it moves. */
export function useIndexGeneration(projectId: string | undefined): number {
  return useAppStore(s =>
    projectId === undefined ? 0 : (s.projectIndexes[projectId]?.generation ?? 0),
  )
}

/** The last progress event of a project's index, and the notices since the page opened. */
export function useIndexEvents(projectId: string | undefined): {
  progress?: IndexProgress
  notices: IndexNotice[]
} {
  const progress = useAppStore(s =>
    projectId === undefined ? undefined : s.projectIndexes[projectId]?.progress,
  )
  const notices = useAppStore(s =>
    projectId === undefined ? emptyNotices : (s.projectIndexes[projectId]?.notices ?? emptyNotices),
  )
  return {progress, notices}
}

/**
 * Ask the project index something: `load` runs when `key` changes and again each time the
 * project's index changes (live traces), with no key nothing is asked. While a refetch of the
 * same key runs, the last answer stays on screen (`refreshing`), so a live timeline never blinks;
 * an answer that arrives after a newer request was made is dropped.
 */
export function useIndexQuery<V>(
  projectId: string | undefined,
  key: string | undefined,
  load: (api: TraceClient) => Promise<V>,
): IndexQuery<V> {
  const api = useAppStore(s => s.api)
  const generation = useIndexGeneration(projectId)
  const [result, setResult] = useState<{key: string; generation: number; query: IndexQuery<V>}>()
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const fullKey = key === undefined || projectId === undefined ? undefined : `${projectId}\0${key}`
  useEffect(() => {
    if (fullKey === undefined) return
    let live = true
    loadRef.current(api).then(
      value => {
        if (live) {
          setResult({key: fullKey, generation, query: {state: 'ready', value, refreshing: false}})
        }
      },
      (error: unknown) => {
        if (!live) return
        setResult(old => ({
          key: fullKey,
          generation,
          query: {
            state: 'failed',
            ...errorInfo(error),
            value: old?.key === fullKey ? valueOf(old.query) : undefined,
          },
        }))
      },
    )
    return () => {
      live = false
    }
  }, [api, fullKey, generation])
  if (fullKey === undefined) return {state: 'idle'}
  if (result?.key !== fullKey) return {state: 'loading'}
  // The index moved on since this answer: show it while the new one loads.
  if (result.generation !== generation && result.query.state === 'ready') {
    return {...result.query, refreshing: true}
  }
  return result.query
}

function valueOf<V>(query: IndexQuery<V>): V | undefined {
  return query.state === 'idle' ? undefined : query.value
}
