import {useEffect, useState} from 'react'
import type {TraceClient} from '../../shared/api/contract'
import type {ApiErrorCode} from '../../shared/api/errors'
import type {NodeDetails} from '../../shared/model/node-details'
import {selectedTraceReady} from './model-cache'
import {useAppStore} from './use-app-store'
import {errorInfo} from './traces-slice'

/** Where one node's details are. */
export type DetailsStatus =
  | {state: 'idle'}
  | {state: 'loading'}
  | {state: 'ready'; details: NodeDetails}
  | {state: 'failed'; code: ApiErrorCode; message: string}

// Details are immutable for a loaded trace, so answers are cached (most recent last, bounded).
const capacity = 500
const cache = new Map<string, Promise<NodeDetails>>()

/** Fetch (once) the details of a node; a failed request is not cached. */
export function fetchNodeDetails(
  api: TraceClient,
  projectId: string,
  traceId: string,
  nodeId: number,
): Promise<NodeDetails> {
  const key = `${projectId}\u0000${traceId}\u0000${nodeId}`
  let p = cache.get(key)
  if (p) {
    cache.delete(key)
    cache.set(key, p)
    return p
  }
  p = api.getNodeDetails({trace: {projectId, traceId}, nodeId})
  p.catch(() => cache.delete(key))
  cache.set(key, p)
  while (cache.size > capacity) cache.delete(cache.keys().next().value!)
  return p
}

/** Forget cached details (a trace was replaced); all of them without an id. */
export function clearNodeDetails(traceId?: string): void {
  for (const key of [...cache.keys()]) {
    if (traceId === undefined || key.split('\u0000')[1] === traceId) cache.delete(key)
  }
}

/** The details of `nodeId` (default: the selected node) in the selected trace, fetched on demand. */
export function useNodeDetails(nodeId?: number): DetailsStatus {
  const api = useAppStore(s => s.api)
  const projectId = useAppStore(s => s.selectedProjectId)
  const traceId = useAppStore(s => s.selectedTraceId)
  const selected = useAppStore(s => s.selectedNodeId)
  const ready = useAppStore(selectedTraceReady)
  const id = nodeId ?? selected
  const key =
    projectId && traceId && ready && id !== undefined ? `${projectId}/${traceId}/${id}` : ''
  const [status, setStatus] = useState<{key: string; status: DetailsStatus}>({
    key: '',
    status: {state: 'idle'},
  })
  useEffect(() => {
    if (!key || projectId === undefined || traceId === undefined || id === undefined) return
    let live = true
    fetchNodeDetails(api, projectId, traceId, id).then(
      details => live && setStatus({key, status: {state: 'ready', details}}),
      (error: unknown) => live && setStatus({key, status: {state: 'failed', ...errorInfo(error)}}),
    )
    return () => {
      live = false
    }
  }, [api, key, projectId, traceId, id])
  if (!key) return {state: 'idle'}
  return status.key === key ? status.status : {state: 'loading'}
}
