import Database from 'better-sqlite3'
import {mkdirSync, readFileSync, renameSync, rmSync, utimesSync} from 'node:fs'
import path from 'node:path'
import {demoTraces} from '../main/node/demo/demo-traces'
import {writeKolo2Store} from '../main/node/kolo-writer/kolo2-store'
import {writeKolo3Store} from '../main/node/kolo-writer/kolo3-store'
import {koloCreatedAt} from '../main/node/kolo-writer/trace-input'
import {seededRandom, traceId} from '../main/node/kolo-writer/ulid'
import {writeFibContainer, writeFibTrace} from './fib-trace'

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

/**
 * A Kolo 3.x project whose only trace is a fib recursion of `calls` calls: an index-only
 * `db.sqlite3` and `raw/<id>.kolo`, a v3 container streamed to disk (10M records: ~3 GB, which
 * no 2.x store can hold: SQLite caps a blob at 1 GB).
 */
export function generateFibV3Store(root: string, label: string, calls: number): BigStore {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const project = path.join(root, label)
  const internal = writeKolo3Store(project, [])
  const raw = path.join(internal, 'raw')
  // Written under a hidden name (not a trace to Kolo), then named by its id, as Kolo does.
  const tmp = path.join(raw, `.${label}.kolo.tmp`)
  // Seeded by size: each store gets its own trace id, as real stores do.
  const fib = writeFibContainer(tmp, calls, calls)
  const file = path.join(raw, `${fib.traceId}.kolo`)
  renameSync(tmp, file)
  const createdAt = koloCreatedAt(fib.endTime + 0.002)
  const db = new Database(path.join(internal, 'db.sqlite3'))
  db.prepare('INSERT INTO traces(id, created_at) VALUES (?, ?)').run(fib.traceId, createdAt)
  db.close()
  const mtime = new Date(createdAt.replace(' ', 'T') + 'Z')
  utimesSync(file, mtime, mtime)
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
