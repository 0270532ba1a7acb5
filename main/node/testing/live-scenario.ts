import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type {TraceClient} from '../../../shared/api/contract'
import {createTraceService} from '../service/service'
import type {TraceService} from '../service/service'
import {runWriter} from './watch-test-writer'
import type {WriterEvent} from './watch-test-writer'

/**
 * Test-only: a Kolo store that a second process writes into while a service watches it, and the
 * events as a page receives them through one transport (`connect` builds the page's client).
 *
 * The page acts like the renderer: on every traceAdded it refetches the first page of the list,
 * so a busy writer (SQLITE_BUSY, a checkpoint, a half-written raw/ file) would show up as a
 * rejected call here.
 */
export interface LiveOutcome {
  written: WriterEvent[]
  /** Every id of every traceAdded / traceRemoved, in order, with the time it arrived. */
  added: {id: string; at: number}[]
  removed: string[]
  /** Calls the page made that failed. */
  errors: string[]
  /** Traces the store lists at the end. */
  finalTotal: number
  /** ms from a commit to its event: p50, p95, max. */
  latencyMs: [number, number, number]
}

const tracesTable = `CREATE TABLE IF NOT EXISTS traces (
  id text PRIMARY KEY NOT NULL,
  created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL,
  data text NULL, msgpack blob NULL, is_pinned INTEGER DEFAULT 0)`

function makeStore(root: string, mode: '2' | '3'): {dbFile: string; rawDir: string} {
  const dir = mode === '2' ? path.join(root, '.kolo') : path.join(root, '.kolo', '.internal')
  const dbFile = path.join(dir, 'db.sqlite3')
  const rawDir = mode === '2' ? '' : path.join(dir, 'raw')
  fs.mkdirSync(dir, {recursive: true})
  if (rawDir) fs.mkdirSync(rawDir)
  const db = new Database(dbFile)
  db.pragma('journal_mode = wal')
  db.exec(tracesTable)
  if (mode === '3') db.exec('ALTER TABLE traces ADD COLUMN auto_generated_name TEXT NULL')
  db.prepare('INSERT INTO traces (id, msgpack) VALUES (?, ?)').run(
    'trc_00000000000000000000000001',
    mode === '2' ? Buffer.from([0x80]) : null,
  )
  if (rawDir) fs.writeFileSync(path.join(rawDir, 'trc_00000000000000000000000001.msgpack'), '\x80')
  db.close()
  return {dbFile, rawDir}
}

/** Run the scenario: `count` traces written, the first `deletes` deleted again. */
export async function runLiveScenario(
  mode: '2' | '3',
  connect: (service: TraceService) => Promise<TraceClient & {close(): void | Promise<void>}>,
  count = 40,
  deletes = 5,
): Promise<LiveOutcome> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kx-live-'))
  const root = path.join(scratch, 'project')
  const {dbFile, rawDir} = makeStore(root, mode)
  const service = createTraceService({
    projectPaths: [root],
    cacheDir: path.join(scratch, 'cache'),
    settingsDir: path.join(scratch, 'settings'),
  })
  const client = await connect(service)
  const added: LiveOutcome['added'] = []
  const removed: string[] = []
  const errors: string[] = []
  try {
    const [project] = await client.listProjects({})
    if (!project || project.error !== undefined) throw new Error(`no project: ${project?.error}`)
    const refetch = () =>
      client.listTraces({projectId: project.id, limit: 50}).catch((error: unknown) => {
        errors.push(error instanceof Error ? error.message : String(error))
      })
    client.on('traceAdded', e => {
      const at = Date.now()
      for (const id of e.traceIds) added.push({id, at})
      void refetch()
    })
    client.on('traceRemoved', e => removed.push(...e.traceIds))
    const written = await runWriter(mode, dbFile, rawDir, count, deletes, scratch)
    const deadline = Date.now() + 5000
    while (removed.length < deletes && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 20))
    }
    await new Promise(r => setTimeout(r, 300))
    const seenAt = new Map(added.map(a => [a.id, a.at]))
    const latencies = written
      .filter(e => e.event === 'added')
      .map(e => (seenAt.get(e.id) ?? Infinity) - e.at)
      .sort((a, b) => a - b)
    const q = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!
    const finalTotal = (await client.listTraces({projectId: project.id, limit: 1})).total
    return {written, added, removed, errors, finalTotal, latencyMs: [q(0.5), q(0.95), q(1)]}
  } finally {
    await client.close()
    await service.dispose()
    fs.rmSync(scratch, {recursive: true, force: true})
  }
}
