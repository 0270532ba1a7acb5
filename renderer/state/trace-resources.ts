import type {TraceClient} from '../../shared/api/contract'
import {ApiError} from '../../shared/api/errors'
import {decodeModel} from '../../shared/api/model-codec'
import type {FramedModel} from '../../shared/api/model-codec'
import type {SourceFile} from '../../shared/api/source-contract'
import type {GeneratedTest} from '../../shared/api/testgen-contract'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import type {NodeDetails} from '../../shared/model/node-details'
import type {TraceModel} from '../../shared/model/trace-model'
import type {TraceRef} from '../../shared/model/trace-ref'
import type {TestStyle} from '../../shared/testgen/report'
import {AnalysisClient} from '../analysis/analysis-client'
import {followPreview} from './model-keys'
import {ResourceCache} from './resource-cache'

/** What the cache holds of a trace, by kind. */
export interface TraceResourceKinds {
  /** The columnar model (typed arrays: big and hot, so never in zustand state). */
  model: TraceModel
  /** The model of a big trace's first rows, while the whole loads (dropped once it is in). */
  preview: TraceModel
  /** One node's details, by node id. */
  details: NodeDetails
  /** The trace's SQL, HTTP, template, log and exception facts. */
  insights: TraceInsights
  /** A source file, by file id (dropped as a whole when path mappings change). */
  source: SourceFile
  /** The analysis worker of a loaded model (flame chart merges, sandwich, call graph). */
  analysis: AnalysisClient
  /** A test generated for a node (or the request) in a style: see testArg. */
  test: GeneratedTest
}

/** The app's cache of trace resources (one per store). */
export type TraceResources = ResourceCache<TraceResourceKinds>

/**
 * A fresh cache. Bounds: a few models (switching back is instant, memory stays bounded), two
 * analysis workers (one per side-by-side pane), and many small answers.
 *
 * A model that leaves takes its analysis worker with it; `onEvict` hears of every entry that goes.
 */
export function createTraceResources(
  onEvict?: (kind: keyof TraceResourceKinds, trace: TraceRef) => void,
): TraceResources {
  const cache: TraceResources = new ResourceCache<TraceResourceKinds>(
    {
      model: {capacity: 3},
      preview: {capacity: 3},
      details: {capacity: 500},
      insights: {capacity: 8},
      source: {capacity: 200},
      analysis: {capacity: 2, dispose: client => client.dispose()},
      test: {capacity: 24},
    },
    (kind, trace) => {
      if (kind === 'model') cache.evict('analysis', trace)
      onEvict?.(kind, trace)
    },
  )
  return cache
}

/**
 * Load and decode a trace's model. `client` names the asking pane: the backend cancels its older
 * load still running (ApiError 'cancelled'), never another pane's.
 */
export async function loadModel(
  api: TraceClient,
  trace: TraceRef,
  client: string,
): Promise<TraceModel> {
  return decodeFor(trace, await api.loadTrace({trace, client}))
}

/**
 * Load a trace's model as a page opens it: first the preview of its first rows, handed to
 * `onPreview` while the rest is read (the backend answers with the whole model at once when it
 * is ready first: a small trace, one in memory), then the whole model from the same load.
 */
export async function loadModelProgressively(
  api: TraceClient,
  trace: TraceRef,
  client: string,
  onPreview: (preview: TraceModel) => void,
): Promise<TraceModel> {
  const first = decodeFor(trace, await api.loadTracePreview({trace, client}))
  if (first.meta.partial === undefined) return first
  onPreview(first)
  // The same trace and client: this joins the load the preview came from (one read).
  const whole = await loadModel(api, trace, client)
  followPreview(first, whole)
  return whole
}

function decodeFor(trace: TraceRef, buffer: FramedModel): TraceModel {
  let model: TraceModel
  try {
    model = decodeModel(buffer)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ApiError(
      'bad-trace',
      `Trace ${trace.traceId}: the backend sent a model that cannot be read (${why})`,
    )
  }
  // The server may key a model by another spelling of the id; the asked-for id wins.
  return model.traceId === trace.traceId ? model : {...model, traceId: trace.traceId}
}

/** A node's details, fetched once; a failed request is not kept. */
export function fetchNodeDetails(
  api: TraceClient,
  resources: TraceResources,
  trace: TraceRef,
  nodeId: number,
): Promise<NodeDetails> {
  return resources.fetch('details', trace, nodeId, () => api.getNodeDetails({trace, nodeId}))
}

/** A trace's insights, fetched once. */
export function fetchInsights(
  api: TraceClient,
  resources: TraceResources,
  trace: TraceRef,
): Promise<TraceInsights> {
  return resources.fetch('insights', trace, '', () => api.getTraceInsights({trace}))
}

/** A source file of a trace, fetched once per sources generation (see invalidateSources). */
export function fetchSource(
  api: TraceClient,
  resources: TraceResources,
  trace: TraceRef,
  fileId: number,
): Promise<SourceFile> {
  return resources.fetch('source', trace, fileId, () => api.getSource({trace, fileId}))
}

/** The analysis worker of a trace's loaded model, started on first need and kept with it. */
export function analysisOf(
  resources: TraceResources,
  trace: TraceRef,
  model: TraceModel,
): AnalysisClient {
  const cached = resources.peek('analysis', trace)
  if (cached?.model === model) return cached
  const client = new AnalysisClient(model)
  resources.put('analysis', trace, '', client)
  return client
}

/** What a generated test is asked for: a node (none: the request), a style, a sources generation. */
export interface TestArg {
  nodeId: number | undefined
  style: TestStyle
  /** The sources generation: the project's source root feeds the generator. */
  generation: number
}

/** The cache argument of a generated test. */
export function testArg(arg: TestArg): string {
  return `${arg.generation}:${arg.nodeId ?? 'request'}:${arg.style}`
}

/** A test generated for a node of a trace (or its request), once per argument until evicted. */
export function fetchGeneratedTest(
  api: TraceClient,
  resources: TraceResources,
  trace: TraceRef,
  arg: TestArg,
): Promise<GeneratedTest> {
  return resources.fetch('test', trace, testArg(arg), () =>
    api.generateTest({
      trace,
      ...(arg.nodeId === undefined ? {} : {nodeId: arg.nodeId}),
      style: arg.style,
    }),
  )
}
