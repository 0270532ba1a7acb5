import {TreeConcat} from '../../../shared/algorithms/concat-trees'
import type {FlameLayout, TreeColumns} from '../../../shared/algorithms/flame-columns'
import type {TraceClient} from '../../../shared/api/contract'
import type {TraceModel} from '../../../shared/model/trace-model'
import {traceRef} from '../../../shared/model/trace-ref'
import {AnalysisClient} from '../../analysis/analysis-client'
import {errorInfo} from '../../state/error-info'
import {loadModel} from '../../state/trace-resources'
import type {TraceResources} from '../../state/trace-resources'

/** At most this many traces are merged (the newest of the selection): say so when more are. */
export const mergeTraceCap = 50

/** And at most this many rows in all (a few huge traces would otherwise hold the page). */
export const mergeRowCap = 2_000_000

/** The merged flame graph of several traces. */
export interface MergedFlame {
  layout: FlameLayout
  strings: string[]
  /** Traces merged, and how many were asked for. */
  merged: number
  asked: number
  /** Traces left out, and why (past a cap, or failing to load). */
  skipped: {traceId: string; why: string}[]
}

/** What merging needs: the backend, the cache its models go through, a client name for loads. */
export interface MergeDeps {
  api: TraceClient
  resources: TraceResources
  /** Names these loads to the backend (a newer load of the same name cancels an older one). */
  client: string
}

/**
 * Load the traces' models through the resource cache (one at a time, newest first, up to
 * `mergeTraceCap` traces and `mergeRowCap` rows) and merge their call paths, identical paths
 * across traces into one node, in an analysis worker. `traceIds` come oldest first; undefined
 * when `cancelled()` turned true meanwhile.
 */
export async function mergeTraces(
  deps: MergeDeps,
  projectId: string,
  traceIds: readonly string[],
  cancelled: () => boolean,
  onProgress: (done: number, total: number) => void,
): Promise<MergedFlame | undefined> {
  const wanted = [...traceIds].reverse()
  const take = wanted.slice(0, mergeTraceCap)
  const skipped = wanted
    .slice(mergeTraceCap)
    .map(traceId => ({traceId, why: `more than ${mergeTraceCap} traces selected`}))
  const concat = new TreeConcat()
  let done = 0
  for (const traceId of take) {
    if (cancelled()) return undefined
    onProgress(done, take.length)
    const ref = traceRef(projectId, traceId)
    try {
      const model =
        deps.resources.peek('model', ref) ??
        (await deps.resources.fetch('model', ref, '', () => loadModel(deps.api, ref, deps.client)))
      if (!concat.add(model, mergeRowCap)) {
        skipped.push({traceId, why: `over ${mergeRowCap.toLocaleString('en-US')} calls in all`})
      }
    } catch (error) {
      skipped.push({traceId, why: errorInfo(error).message})
    }
    done++
  }
  onProgress(done, take.length)
  if (cancelled()) return undefined
  const columns = concat.build()
  const client = new AnalysisClient(asModel(columns))
  try {
    const {layout} = await client.run('leftHeavy')
    return {
      layout,
      strings: columns.strings,
      merged: take.length - skipped.filter(s => take.includes(s.traceId)).length,
      asked: traceIds.length,
      skipped,
    }
  } finally {
    client.dispose()
  }
}

/** Combined columns as the model shape the analysis worker takes (no threads, no call lines). */
function asModel(columns: TreeColumns): TraceModel {
  return {
    ...columns,
    traceId: 'merged',
    callLine: new Uint32Array(columns.nodeCount),
    meta: {
      traceId: 'merged',
      name: 'merged',
      startedAtMs: 0,
      durationNs: 0,
      recordCount: columns.nodeCount,
      format: 'merged',
      threads: [],
      threadKey: '',
      recovered: false,
      warnings: [],
    },
  }
}
