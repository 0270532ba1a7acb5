import fs from 'node:fs'
import path from 'node:path'
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest'
import {decodeModel} from '../../../shared/api/model-codec'
import {writeKolo2Store} from '../kolo-writer/kolo2-store'
import {openStore} from '../store'
import {decodeExact} from '../testing/exact-decoder'
import {FIXTURES} from '../testing/fixtures'
import {copyTree, tempDir} from '../testing/store-helpers'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {TraceEngine} from './trace-engine'

const dirs: string[] = []
const scratch = (prefix: string): string => {
  const dir = tempDir(prefix)
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

/** Every trace of a store loaded, its blobs read straight or through SQLite: the framed models, by id. */
function loadAll(storePath: string, viaSqlite: boolean): Map<string, Uint8Array> {
  vi.stubEnv('KOLO_EXPLORER_SQLITE_BLOBS', viaSqlite ? '1' : '')
  const store = openStore(storePath, {cacheDir: scratch('kolo-blob-list-')})
  const ids = store.traceIds()
  store.close()
  const engine = new TraceEngine({modelCacheBytes: 0})
  const out = new Map<string, Uint8Array>()
  for (const traceId of ids) {
    out.set(traceId, new Uint8Array(engine.load({storePath, traceId})))
  }
  engine.close()
  vi.stubEnv('KOLO_EXPLORER_SQLITE_BLOBS', '')
  return out
}

/** A Kolo 2.40 store of one fib-like trace of `records` records; its path and trace id. */
function bigStore(records: number): {root: string; traceId: string; db: string} {
  const root = scratch('kolo-blob-big-')
  const trace = decodeExact(syntheticC2Trace({records})) as Map<string, unknown>
  const db = writeKolo2Store(root, [trace])
  return {root, traceId: trace.get('trace_id') as string, db}
}

/** Bytes read through fs.readSync from now until the spies are restored. */
function countReads(): () => number {
  let bytes = 0
  const read = fs.readSync
  vi.spyOn(fs, 'readSync').mockImplementation((...args: unknown[]) => {
    const n = (read as (...a: unknown[]) => number)(...args)
    bytes += n
    return n
  })
  return () => bytes
}

describe('a database blob read straight from the file', () => {
  it('gives every fixture trace the same model as SQLite reading it', () => {
    for (const app of ['bookshelf/app', 'bookshelf-forms/app', 'bookshelf-deep']) {
      const storePath = path.join(FIXTURES, app)
      const store = openStore(storePath, {cacheDir: scratch('kolo-blob-fx-')})
      // The direct way is taken for each of them (it declines nothing here).
      for (const id of store.traceIds()) {
        const blob = store.openTraceBlob?.(id)
        expect(blob, `${app} ${id}`).toBeDefined()
        blob?.close()
      }
      store.close()
      const direct = loadAll(storePath, false)
      const viaSqlite = loadAll(storePath, true)
      expect(direct.size).toBeGreaterThan(0)
      for (const [id, model] of direct) {
        expect(Buffer.compare(model, viaSqlite.get(id)!), `${app} ${id}`).toBe(0)
      }
    }
  })

  it('previews the first rows from the first part of a big blob, before the rest is read', () => {
    const {root, traceId, db} = bigStore(60_000)
    const size = fs.statSync(db).size
    expect(size).toBeGreaterThan(12 * 1024 * 1024)
    const bytesRead = countReads()
    let readAtPreview = -1
    const engine = new TraceEngine({modelCacheBytes: 0})
    const whole = engine.load(
      {storePath: root, traceId},
      {onPreview: () => (readAtPreview = bytesRead())},
    )
    engine.close()
    vi.restoreAllMocks()
    expect(readAtPreview).toBeGreaterThan(0)
    expect(readAtPreview).toBeLessThan(size / 2)
    expect(bytesRead()).toBeGreaterThan(size * 0.9)
    const viaSqlite = loadAll(root, true).get(traceId)!
    expect(Buffer.compare(new Uint8Array(whole), viaSqlite)).toBe(0)
    expect(decodeModel(whole).meta.partial).toBeUndefined()
  })

  it('names a big row from its blob’s first MB, and completes it from the load', () => {
    const {root, traceId, db} = bigStore(60_000)
    const cacheDir = scratch('kolo-blob-row-')
    const limit = 1024 * 1024
    const bytesRead = countReads()
    const store = openStore(root, {cacheDir, summaryBodyLimit: limit})
    const [row] = store.listTraces().traces
    vi.restoreAllMocks()
    // Before: the row showed the trace id. Its head names it, without reading the body.
    expect(row).toMatchObject({id: traceId, name: 'fib', kind: 'script', recordCount: 60_000})
    expect(row?.partial).toBe(true)
    expect(bytesRead()).toBeLessThan(2 * limit)
    expect(bytesRead()).toBeLessThan(fs.statSync(db).size / 5)
    const engine = new TraceEngine({cacheDir, summaryBodyLimit: limit, modelCacheBytes: 0})
    engine.load({storePath: root, traceId})
    engine.close()
    const [full] = store.listTraces().traces
    expect(full).toMatchObject({id: traceId, name: 'fib', recordCount: 60_000})
    expect(full?.partial).toBeUndefined()
    store.close()
  })

  it('reads the blob again when the database changes while it is read', () => {
    const {root, traceId, db} = bigStore(40_000)
    const expected = loadAll(root, true).get(traceId)!
    const engine = new TraceEngine({modelCacheBytes: 0})
    let previews = 0
    const whole = engine.load(
      {storePath: root, traceId},
      {
        onPreview: () => {
          // Kolo touches the database (a checkpoint, a new trace) mid-read.
          if (++previews === 1) fs.utimesSync(db, new Date(), new Date(Date.now() + 5000))
        },
      },
    )
    engine.close()
    expect(previews).toBe(2)
    expect(Buffer.compare(new Uint8Array(whole), expected)).toBe(0)
  })

  it('names the database and the damage when a blob’s pages are broken', () => {
    const {root, traceId, db} = bigStore(20_000)
    const copy = scratch('kolo-blob-broken-')
    copyTree(root, copy)
    const broken = path.join(copy, '.kolo', 'db.sqlite3')
    // Cut the database short: the blob's overflow chain runs off its end.
    const bytes = fs.readFileSync(db)
    fs.writeFileSync(broken, bytes.subarray(0, bytes.length >> 1))
    const engine = new TraceEngine({modelCacheBytes: 0})
    expect(() => engine.load({storePath: copy, traceId})).toThrow(broken)
    engine.close()
  })
})
