import type {NodeDetails} from '../../../shared/model/node-details'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {generateTest} from '../../../shared/testgen/generate-test'
import {neededNodes, requestNodes} from '../../../shared/testgen/needed-nodes'
import type {TestGenResult, TestStyle} from '../../../shared/testgen/report'
import type {ProjectSchema} from '../../../shared/testgen/schema'
import {loadProjectSchema, readProjectFile} from './project-schema'

/** Fetches one node's details (the service's getNodeDetails, a worker, a test fake). */
export type DetailsSource = (nodeId: number) => Promise<NodeDetails>

/**
 * The details of the nodes generation needs, fetched with at most `concurrency` requests in
 * flight (the worker answers them in order anyway; a few in flight hide the round trips).
 */
export async function gatherDetails(
  model: TraceModel,
  target: number,
  getDetails: DetailsSource,
  concurrency = 8,
): Promise<Map<number, NodeDetails>> {
  const ids = neededNodes(model, target)
  const out = new Map<number, NodeDetails>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!
      out.set(id, await getDetails(id))
    }
  }
  await Promise.all(Array.from({length: Math.min(concurrency, ids.length)}, worker))
  return out
}

/** What `generateTestForTrace` needs. */
export interface TraceTestRequest {
  model: TraceModel
  getDetails: DetailsSource
  /** The node to test: a request or a frame; default: the trace's only (or first) request. */
  target?: number
  style?: TestStyle
  /** The project's source root (for the schema and the function's source). */
  sourceRoot: string
  /** The Kolo database, for a saved schema (default: the one under sourceRoot). */
  dbFile?: string
  /** For the kolo-explorer:// link in the header (default: sourceRoot). */
  projectPath?: string
  /** A schema loaded before (the service may cache one per project and commit). */
  schema?: ProjectSchema
}

/** The generated test with how long each step took. */
export type TraceTestResult = TestGenResult & {
  timings: {schemaMs: number; gatherMs: number; generateMs: number}
}

/**
 * Generates a test for one node of a loaded trace: resolves the schema (saved or from source),
 * gathers the details generation reads, then generates synchronously.
 */
export async function generateTestForTrace(req: TraceTestRequest): Promise<TraceTestResult> {
  const t0 = performance.now()
  const target = req.target ?? defaultTarget(req.model)
  if (target === undefined) {
    return {
      ok: false,
      reason: 'the trace holds no request; pass a frame to test one function',
      timings: zero(),
    }
  }
  const schema =
    req.schema ??
    loadProjectSchema({
      sourceRoot: req.sourceRoot,
      dbFile: req.dbFile,
      commitSha: req.model.meta.commitSha,
    })
  const t1 = performance.now()
  const details = await gatherDetails(req.model, target, req.getDetails)
  const t2 = performance.now()
  const sources = new Map<string, string>()
  const file = req.model.kind[target] === NodeKind.frame ? details.get(target)?.file : undefined
  const text = file === undefined ? undefined : readProjectFile(req.sourceRoot, file)
  if (file !== undefined && text !== undefined) sources.set(file, text)
  const result = generateTest({
    model: req.model,
    details,
    target,
    style: req.style,
    schema,
    projectPath: req.projectPath ?? req.sourceRoot,
    sources,
  })
  const t3 = performance.now()
  return {...result, timings: {schemaMs: t1 - t0, gatherMs: t2 - t1, generateMs: t3 - t2}}
}

/** The request a trace is about: its only request, else the first one. */
export function defaultTarget(model: TraceModel): number | undefined {
  return requestNodes(model)[0]
}

function zero(): {schemaMs: number; gatherMs: number; generateMs: number} {
  return {schemaMs: 0, gatherMs: 0, generateMs: 0}
}
