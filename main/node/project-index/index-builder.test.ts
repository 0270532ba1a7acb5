import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'
import type {IndexNotice, IndexProgress} from '../../../shared/project-index/index-types'
import {FIXTURES} from '../testing/fixtures'
import {demoTraces} from '../demo/demo-traces'
import {writeKolo2Store} from '../kolo-writer/kolo2-store'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import type {LoadGate} from '../decode/load-gate'
import {openStore} from '../store'
import type {KoloStore} from '../store'
import {copyTree} from '../testing/store-helpers'
import {ApiError} from '../../../shared/api/errors'
import {syncIndex} from './index-builder'
import {openIndexFile} from './index-file'
import {IndexWriter} from './index-writer'
import {keptPerFunction} from './call-facts'
import {ProjectIndex} from './project-index'
import {defaultCaps} from './index-caps'

const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const TEST_LISTS = 'trc_01M8AECWD7FXEP7N91TPXMEQMB'
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, {recursive: true, force: true})
})

/** A writable copy of the bookshelf project, and a cache folder for its index. */
function copyProject(): {project: string; cacheDir: string; db: string} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-index-build-'))
  temps.push(root)
  const project = path.join(root, 'app')
  copyTree(path.join(FIXTURES, 'bookshelf/app/.kolo'), path.join(project, '.kolo'))
  return {project, cacheDir: path.join(root, 'cache'), db: path.join(project, '.kolo/db.sqlite3')}
}

function editStore(db: string, edit: (db: Database.Database) => void): void {
  const conn = new Database(db)
  edit(conn)
  conn.close()
}

/** Every row of every table of an index, but its meta (what the build wrote). */
function dumpIndex(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'")
    .pluck()
    .all() as string[]
  return Object.fromEntries(tables.map(t => [t, db.prepare(`SELECT * FROM "${t}"`).all()]))
}

const bodyOf = (db: string, id: string): Buffer => {
  const conn = new Database(db, {readonly: true})
  const body = conn.prepare('SELECT msgpack FROM traces WHERE id = ?').pluck().get(id) as Buffer
  conn.close()
  return body
}

describe('building a project index', () => {
  it('notes a trace that fails to decode, serves the rest, and retries it once it changes', async () => {
    const {project, cacheDir, db} = copyProject()
    const good = bodyOf(db, IMPORT_500)
    editStore(db, conn =>
      conn
        .prepare('UPDATE traces SET msgpack = ? WHERE id = ?')
        .run(Buffer.from([0x82, 0xa1]), IMPORT_500),
    )
    const index = ProjectIndex.open({storePath: project, cacheDir})
    const notices: IndexNotice[] = []
    const result = await index.build({onNotice: n => notices.push(n)})
    expect(result).toMatchObject({phase: 'done', indexed: 14, failed: 1})
    expect(notices).toEqual([
      expect.objectContaining({code: 'trace-failed', traceId: IMPORT_500, level: 'warning'}),
    ])
    expect(notices[0]!.message).toMatch(/db\.sqlite3#trc_01M8AECT3RY7QP78H3Z53GFN0Y/)
    const status = index.status()
    expect(status).toMatchObject({indexed: 14, failed: 1})
    expect(status.notices.map(n => [n.code, n.traceId])).toEqual([['trace-failed', IMPORT_500]])
    const {items} = index.overview()
    expect(new Set(items.map(i => i.traceId)).size).toBe(14)
    expect(items.some(i => i.traceId === IMPORT_500)).toBe(false)
    const found = index.search({query: IMPORT_500}).groups[0]!.items[0]!
    expect(found).toMatchObject({
      traceId: IMPORT_500,
      detail: expect.stringMatching(/^failed: /) as unknown,
    })
    // Unchanged, it is not tried again; rewritten, it is.
    expect(await index.build()).toMatchObject({indexed: 0, failed: 0, current: 15})
    editStore(db, conn =>
      conn.prepare('UPDATE traces SET msgpack = ? WHERE id = ?').run(good, IMPORT_500),
    )
    expect(await index.update([IMPORT_500])).toMatchObject({indexed: 1, failed: 0})
    expect(index.status()).toMatchObject({indexed: 15, failed: 0, notices: []})
    await index.close()
  })

  it('tries a body that could not be read again next time, without recording it', async () => {
    const {cacheDir} = copyProject()
    const store = openStore(path.join(FIXTURES, 'bookshelf/app'), {cacheDir})
    let locked = true
    const flaky = Object.create(store) as KoloStore
    flaky.readTraceBody = id => {
      if (locked && id === IMPORT_500) {
        throw new ApiError('bad-store', 'db.sqlite3: database is locked')
      }
      return store.readTraceBody(id)
    }
    const {db} = openIndexFile(path.join(cacheDir, 'index.sqlite3'), store.path)
    const writer = new IndexWriter(db)
    const notices: IndexNotice[] = []
    const first = await syncIndex(writer, flaky, {onNotice: n => notices.push(n)})
    expect(first).toMatchObject({phase: 'done', indexed: 14, failed: 1})
    expect(notices).toEqual([expect.objectContaining({code: 'trace-failed', traceId: IMPORT_500})])
    expect(writer.indexedStamps().has(IMPORT_500)).toBe(false)
    locked = false
    expect(await syncIndex(writer, flaky)).toMatchObject({indexed: 1, failed: 0, current: 14})
    db.close()
    store.close()
  })

  it('stops cleanly when the store vanishes mid-build, keeping what it has', async () => {
    const {project, cacheDir} = copyProject()
    const index = ProjectIndex.open({storePath: project, cacheDir, sliceMs: 0})
    const progress: IndexProgress[] = []
    const notices: IndexNotice[] = []
    const result = await index.build({
      onProgress: p => {
        progress.push(p)
        if (p.done === 3) fs.rmSync(project, {recursive: true, force: true})
      },
      onNotice: n => notices.push(n),
    })
    expect(result.phase).toBe('store-missing')
    expect(result.indexed).toBe(3)
    expect(progress.at(-1)?.phase).toBe('store-missing')
    expect(notices).toEqual([expect.objectContaining({level: 'error', code: 'store-missing'})])
    expect(notices[0]!.message).toContain(project)
    // What was indexed still serves, and says why it is incomplete.
    const overview = index.overview()
    expect(new Set(overview.items.map(i => i.traceId)).size).toBe(3)
    expect(overview.status.notices.map(n => n.code)).toEqual(['store-missing'])
    expect(overview.status.progress.phase).toBe('store-missing')
    // A build while it is gone says so again and keeps everything.
    expect((await index.build()).phase).toBe('store-missing')
    expect(index.status().indexed).toBe(3)
    // When it is back, the index completes.
    copyTree(path.join(FIXTURES, 'bookshelf/app/.kolo'), path.join(project, '.kolo'))
    expect(await index.build()).toMatchObject({phase: 'done', indexed: 12, current: 3})
    expect(index.status().notices).toEqual([])
    await index.close()
  })

  it('can be cancelled, and the next build does the rest', async () => {
    const {project, cacheDir} = copyProject()
    const index = ProjectIndex.open({storePath: project, cacheDir, sliceMs: 0})
    const first = await index.build({
      onProgress: p => {
        if (p.done === 5) index.cancel()
      },
    })
    expect(first).toMatchObject({phase: 'cancelled', indexed: 5})
    expect(await index.build()).toMatchObject({phase: 'done', indexed: 10, current: 5})
    await index.close()
  })

  it('indexes just the traces a live event names: added, removed, changed', async () => {
    const {project, cacheDir, db} = copyProject()
    const index = ProjectIndex.open({storePath: project, cacheDir})
    await index.build()
    expect(index.search({query: 'test_lists_books'}).groups.map(g => g.kind)).toContain('function')
    const [orders] = demoTraces()
    const added = orders!.get('trace_id') as string
    writeKolo2Store(project, [orders!])
    editStore(db, conn => conn.prepare('DELETE FROM traces WHERE id = ?').run(TEST_LISTS))
    const changed: string[] = []
    const result = await index.update([added, TEST_LISTS], {onChanged: ids => changed.push(...ids)})
    expect(result).toMatchObject({phase: 'done', indexed: 1, removed: 1})
    expect(changed.sort()).toEqual([added, TEST_LISTS].sort())
    const traces = new Set(index.overview().items.map(i => i.traceId))
    expect(traces.has(added)).toBe(true)
    expect(traces.has(TEST_LISTS)).toBe(false)
    expect(traces.size).toBe(15)
    expect(index.history({qualname: 'orders.views.order_list'}).calls).toHaveLength(1)
    // The removed trace's names went with it (the other test trace shares setUp, not this).
    const functions = index
      .search({query: 'test_lists_books'})
      .groups.find(g => g.kind === 'function')
    expect(functions).toBeUndefined()
    expect(index.history({qualname: 'shelf.tests.BookListTests.setUp'}).calls).toHaveLength(1)
    // A body rewritten under the same id is indexed again.
    editStore(db, conn =>
      conn
        .prepare('UPDATE traces SET msgpack = ? WHERE id = ?')
        .run(bodyOf(db, 'trc_01M8AECSFZA3K467KQMS0ZSXYB'), IMPORT_500),
    )
    expect(await index.update([IMPORT_500])).toMatchObject({indexed: 1})
    expect(index.overview().items.find(i => i.traceId === IMPORT_500)?.label).toBe(
      'GET /api/books/',
    )
    await index.close()
  })
})

describe('keptPerFunction', () => {
  const caps = (perFunction: number, perTrace: number) => ({
    ...defaultCaps,
    callsPerFunction: perFunction,
    callsPerTrace: perTrace,
  })

  it('gives way to a trace being opened all through a big one: reading, decoding, building', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-index-gate-'))
    temps.push(root)
    const project = path.join(root, 'big')
    const body = syntheticC2Trace({records: 40_000})
    writeKolo2Store(project, [{traceId: 'trc_big', msgpack: body, createdAt: '2026-01-01 10:00:00.000'}])
    const store = openStore(project, {cacheDir: path.join(root, 'cache')})
    // The blob is read from the database file a part at a time, the gate asked between parts.
    const blobs: boolean[] = []
    const spied = Object.create(store) as KoloStore
    spied.openTraceBlob = (id, options) => {
      const blob = store.openTraceBlob!(id, options)
      blobs.push(blob !== undefined)
      return blob
    }
    let waits = 0
    const gate = {waitWhileLoading: () => void waits++} as unknown as LoadGate
    const gated = openIndexFile(path.join(root, 'gated.sqlite3'), store.path)
    expect(await syncIndex(new IndexWriter(gated.db), spied, {}, {gate})).toMatchObject({
      phase: 'done',
      indexed: 1,
    })
    expect(blobs).toEqual([true])
    // Before the trace, between the blob's parts (one at least), every 8,192 records while
    // decoding (4), between the build's phases (4), and between the steps after it (3).
    expect(waits).toBeGreaterThanOrEqual(1 + 1 + 4 + 4 + 3)
    // The same index as a build that never gives way.
    const plain = openIndexFile(path.join(root, 'plain.sqlite3'), store.path)
    await syncIndex(new IndexWriter(plain.db), store)
    expect(dumpIndex(gated.db)).toEqual(dumpIndex(plain.db))
    gated.db.close()
    plain.db.close()
    store.close()
  })

  it('keeps the per-function cap when the trace fits', () => {
    expect([...keptPerFunction([3, 100, 50], caps(50, 1000))]).toEqual([3, 50, 50])
  })

  it('lowers the cap evenly to fit the trace, never below one', () => {
    expect([...keptPerFunction([3, 100, 50, 8], caps(50, 40))]).toEqual([3, 14, 14, 8])
    expect([...keptPerFunction([9, 9, 9, 9], caps(50, 2))]).toEqual([1, 1, 0, 0])
  })
})
