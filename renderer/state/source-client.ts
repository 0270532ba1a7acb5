import {useEffect, useMemo, useState, useSyncExternalStore} from 'react'
import type {TraceClient} from '../../shared/api/contract'
import type {SourceApi, SourceFile} from '../../shared/api/source-contract'
import {useAppStore} from './use-app-store'
import {errorInfo} from './traces-slice'

/** The SourceApi side of the client (TraceClient includes SourceApi). */
export function sourceApi(api: TraceClient): SourceApi {
  return api
}

/** The SourceApi of the store's client. */
export function useSourceApi(): SourceApi {
  const api = useAppStore(s => s.api)
  return useMemo(() => sourceApi(api), [api])
}

// Files are cached per trace and file id. Settings changes (a mapping, a source root) bump the
// generation, which drops the cache and makes every mounted source view fetch again.
const capacity = 200
const cache = new Map<string, Promise<SourceFile>>()
let generation = 0
const listeners = new Set<() => void>()

/** Drop every cached file and refetch the ones on screen (after a settings change). */
export function invalidateSources(): void {
  cache.clear()
  generation += 1
  for (const l of listeners) l()
}

function useGeneration(): number {
  return useSyncExternalStore(
    l => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => generation,
  )
}

/** Fetch (once per generation) a file of a trace. */
export function fetchSource(
  api: SourceApi,
  projectId: string,
  traceId: string,
  fileId: number,
): Promise<SourceFile> {
  const key = `${projectId}\u0000${traceId}\u0000${fileId}`
  let p = cache.get(key)
  if (!p) {
    p = api.getSource({trace: {projectId, traceId}, fileId})
    p.catch(() => cache.delete(key))
    cache.set(key, p)
    while (cache.size > capacity) cache.delete(cache.keys().next().value!)
  }
  return p
}

/** Where one source file is. */
export type SourceStatus =
  {state: 'loading'} | {state: 'ready'; file: SourceFile} | {state: 'failed'; message: string}

/** A file of the selected trace by id, fetched on demand; undefined id: nothing to show. */
export function useSource(fileId: number | undefined): SourceStatus | undefined {
  const api = useSourceApi()
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => s.selectedTraceId)
  const gen = useGeneration()
  const key =
    fileId !== undefined && fileId >= 0 && projectId && traceId
      ? `${gen}/${projectId}/${traceId}/${fileId}`
      : ''
  const [status, setStatus] = useState<{key: string; status: SourceStatus}>({
    key: '',
    status: {state: 'loading'},
  })
  useEffect(() => {
    if (!key || fileId === undefined || !projectId || !traceId) return
    let live = true
    fetchSource(api, projectId, traceId, fileId).then(
      file => live && setStatus({key, status: {state: 'ready', file}}),
      (error: unknown) =>
        live && setStatus({key, status: {state: 'failed', message: errorInfo(error).message}}),
    )
    return () => {
      live = false
    }
  }, [api, key, fileId, projectId, traceId])
  if (!key) return undefined
  return status.key === key ? status.status : {state: 'loading'}
}
