import {useEffect, useState} from 'react'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import {decodeTraceDiff} from '../../../shared/diff/diff-codec'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {traceKey} from '../../../shared/model/trace-ref'
import type {Comparison, TraceStatus} from '../../state/app-state'
import {errorInfo} from '../../state/error-info'
import {useLoadStatus, useModel} from '../../state/trace-hooks'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'

/** Where the diff of a comparison is; a diff being redone (new noise) shows the last one meanwhile. */
export type DiffStatus =
  | {state: 'loading'}
  | {state: 'ready'; diff: TraceDiff; updating: boolean}
  | {state: 'failed'; message: string}

/** One key per comparison (traces and roots), the same whatever the noise. */
export function comparisonKey(comparison: Comparison): string {
  const {a, b, roots} = comparison
  return `${traceKey(a)}\u0001${traceKey(b)}\u0001${roots ? `${roots.a}:${roots.b}` : ''}`
}

/**
 * Ask the backend for the diff of a comparison (`diffTraces`, decoded), again when the noise
 * threshold changes; `retry` asks again after a failure.
 */
export function useTraceDiff(
  comparison: Comparison,
  noise: NoiseThreshold,
): {status: DiffStatus; retry: () => void} {
  const api = useAppStore(s => s.api)
  const [attempt, setAttempt] = useState(0)
  const [result, setResult] = useState<{key: string; status: DiffStatus}>()
  const base = comparisonKey(comparison)
  const key = `${base}\u0001${noise.minAbsNs}\u0001${noise.minRel}\u0001${attempt}`
  useEffect(() => {
    let live = true
    const {a, b, roots} = comparison
    api
      .diffTraces(roots ? {a, b, roots, noise} : {a, b, noise})
      .then(buffer => {
        const diff = decodeTraceDiff(buffer)
        if (live) setResult({key, status: {state: 'ready', diff, updating: false}})
      })
      .catch((error: unknown) => {
        if (live) setResult({key, status: {state: 'failed', message: errorInfo(error).message}})
      })
    return () => {
      live = false
    }
    // `key` names the comparison, the noise and the attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key])
  const retry = () => setAttempt(n => n + 1)
  if (result?.key === key) return {status: result.status, retry}
  // The same comparison under another threshold: keep showing it while the new one comes.
  if (result?.status.state === 'ready' && result.key.startsWith(`${base}\u0001`)) {
    return {status: {...result.status, updating: true}, retry}
  }
  return {status: {state: 'loading'}, retry}
}

/**
 * The model of one compared trace, loaded for the diff view's own pane when nobody has it (so a
 * comparison of two traces never disturbs the selected one's load).
 */
export function useComparedModel(
  trace: TraceRef,
  pane: string,
): {status: TraceStatus; model: TraceModel | undefined} {
  const status = useLoadStatus(trace)
  const store = useAppStoreApi()
  const idle = status.state === 'idle'
  useEffect(() => {
    if (idle) void store.getState().loadTrace(trace, pane)
  }, [store, trace, pane, idle])
  return {status, model: useModel(trace)}
}
