import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {demoTraces} from '../main/node/demo/demo-traces'
import {writeKolo2Store} from '../main/node/kolo-writer/kolo2-store'
import {koloCreatedAt} from '../main/node/kolo-writer/trace-input'
import {seededRandom, traceId} from '../main/node/kolo-writer/ulid'
import {writeFibTrace} from './fib-trace'

/** The stores the benchmarks read, generated into a scratch folder. */

/** One generated project with a single big trace. */
export interface BigStore {
  label: string
  project: string
  traceId: string
  calls: number
  records: number
  bodyBytes: number
  generateMs: number
  generateCpuMs: number
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

/** A Kolo 2.40 project whose only trace is a fib recursion of `calls` calls. */
export function generateFibStore(root: string, label: string, calls: number): BigStore {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const project = path.join(root, label)
  mkdirSync(project, {recursive: true})
  const bodyFile = path.join(root, `${label}.msgpack`)
  // Seeded by size: each store gets its own trace id, as real stores do.
  const fib = writeFibTrace(bodyFile, calls, calls)
  // SQLite takes the blob whole; the body is read back once, outside any object graph.
  const msgpack = readFileSync(bodyFile)
  writeKolo2Store(project, [
    {traceId: fib.traceId, msgpack, createdAt: koloCreatedAt(fib.endTime + 0.002)},
  ])
  rmSync(bodyFile)
  return {
    label,
    project,
    traceId: fib.traceId,
    calls,
    records: fib.records,
    bodyBytes: fib.bytes,
    generateMs: performance.now() - started,
    generateCpuMs: cpuMs(cpu),
  }
}

/** A Kolo 2.40 project with `count` small request traces (the demo's, with new ids and times). */
export function generateManyStore(
  root: string,
  count: number,
): {project: string; generateMs: number; generateCpuMs: number} {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const project = path.join(root, `many-${count}`)
  const templates = demoTraces()
  const random = seededRandom(7)
  const base = 1_767_225_600
  function* traces(): Generator<Map<string, unknown>> {
    for (let i = 0; i < count; i++) {
      const template = templates[i % templates.length] as Map<string, unknown>
      const timestamp = base + i * 7.3
      const trace = new Map(template)
      trace.set('timestamp', timestamp)
      trace.set('trace_id', traceId(timestamp, random))
      yield trace
    }
  }
  writeKolo2Store(project, traces())
  return {project, generateMs: performance.now() - started, generateCpuMs: cpuMs(cpu)}
}
