import type {SourceFile} from '../../shared/api/source-contract'
import type {GeneratedTest} from '../../shared/api/testgen-contract'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import type {NodeDetails} from '../../shared/model/node-details'
import type {TraceModel} from '../../shared/model/trace-model'
import type {TraceRef} from '../../shared/model/trace-ref'
import {traceKey} from '../../shared/model/trace-ref'
import type {AnalysisClient} from '../analysis/analysis-client'
import type {TraceStatus} from './app-state'
import {loadStatusOf} from './selectors'
import {
  analysisOf,
  fetchGeneratedTest,
  fetchInsights,
  fetchNodeDetails,
  fetchSource,
  testArg,
} from './trace-resources'
import type {TestArg} from './trace-resources'
import {useAppStore} from './use-app-store'
import {useResource} from './use-resource'

export {modelKey} from './model-keys'
import type {ResourceStatus} from './use-resource'

/** Where a trace's model is (idle: never asked for, or dropped). */
export function useLoadStatus(trace: TraceRef | undefined): TraceStatus {
  return useAppStore(s => loadStatusOf(s, trace))
}

/** The model of a trace once it is ready, else undefined; re-renders when that changes. */
export function useModel(trace: TraceRef | undefined): TraceModel | undefined {
  const ready = useAppStore(s => loadStatusOf(s, trace).state === 'ready')
  const resources = useAppStore(s => s.resources)
  return ready && trace ? resources.peek('model', trace) : undefined
}

/**
 * What the tree can show of a trace: its whole model once ready, else the preview of its first
 * rows while the rest loads (`meta.partial` set; rows numbered as in the whole), else undefined.
 */
export function useModelOrPreview(trace: TraceRef | undefined): TraceModel | undefined {
  const shown = useAppStore(s => {
    const status = loadStatusOf(s, trace)
    if (status.state === 'ready') return 'model'
    return status.state === 'loading' && status.preview ? 'preview' : undefined
  })
  const resources = useAppStore(s => s.resources)
  return shown && trace ? resources.peek(shown, trace) : undefined
}

/**
 * A node's details, fetched once the trace's model (or its preview: the backend answers once the
 * whole trace is built) is in; idle without a node.
 */
export function useNodeDetails(
  trace: TraceRef | undefined,
  nodeId: number | undefined,
): ResourceStatus<NodeDetails> {
  const {api, resources} = useResources()
  const ready = useAppStore(s => {
    const status = loadStatusOf(s, trace)
    return status.state === 'ready' || (status.state === 'loading' && status.preview === true)
  })
  const key =
    ready && trace && nodeId !== undefined ? `${traceKey(trace)}\u0000${nodeId}` : undefined
  return useResource(
    key,
    () => (trace && nodeId !== undefined ? resources.peek('details', trace, nodeId) : undefined),
    () => fetchNodeDetails(api, resources, trace!, nodeId!),
  )
}

/** A trace's insights, fetched once its model is ready. */
export function useInsights(trace: TraceRef | undefined): ResourceStatus<TraceInsights> {
  const {api, resources} = useResources()
  const ready = useAppStore(s => loadStatusOf(s, trace).state === 'ready')
  const key = ready && trace ? traceKey(trace) : undefined
  return useResource(
    key,
    () => (trace ? resources.peek('insights', trace) : undefined),
    () => fetchInsights(api, resources, trace!),
  )
}

/**
 * A file of a trace by id, read again when the source settings change; idle for no file (an
 * undefined or negative id: nothing recorded).
 */
export function useSource(
  trace: TraceRef | undefined,
  fileId: number | undefined,
): ResourceStatus<SourceFile> {
  const {api, resources} = useResources()
  const generation = useAppStore(s => s.sourcesGeneration)
  const key =
    trace && fileId !== undefined && fileId >= 0
      ? `${generation}\u0000${traceKey(trace)}\u0000${fileId}`
      : undefined
  return useResource(
    key,
    () => (trace && fileId !== undefined ? resources.peek('source', trace, fileId) : undefined),
    () => fetchSource(api, resources, trace!, fileId!),
  )
}

/** The analysis worker of a trace's loaded model (started on first use, kept with the model). */
export function useAnalysis(trace: TraceRef, model: TraceModel): AnalysisClient {
  const resources = useAppStore(s => s.resources)
  return analysisOf(resources, trace, model)
}

function useResources() {
  const api = useAppStore(s => s.api)
  const resources = useAppStore(s => s.resources)
  return {api, resources}
}

/**
 * A test generated for a node of a trace (no node: its request) in a style, once the trace's
 * model is ready. `fresh` counts the user's "generate again": each asks the backend anew.
 */
export function useGeneratedTest(
  trace: TraceRef | undefined,
  arg: Omit<TestArg, 'generation'>,
  fresh = 0,
): ResourceStatus<GeneratedTest> {
  const {api, resources} = useResources()
  const ready = useAppStore(s => loadStatusOf(s, trace).state === 'ready')
  const generation = useAppStore(s => s.sourcesGeneration)
  const full = {...arg, generation}
  const key = ready && trace ? `${traceKey(trace)}\u0000${testArg(full)}\u0000${fresh}` : undefined
  return useResource(
    key,
    () => (trace ? resources.peek('test', trace, testArg(full)) : undefined),
    () => fetchGeneratedTest(api, resources, trace!, full),
  )
}
