import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeModel} from '../../../shared/api/model-codec'
import {NodeKind} from '../../../shared/model/node-kind'
import {writeKoloContainer} from '../kolo-writer/kolo3-container'
import {SectionedFile} from '../model-cache/sectioned-file'
import {MODEL_CACHE_VERSION} from '../model-cache/model-cache'
import type {EntryMeta} from '../model-cache/cache-entry'
import {writeKolo3Store} from '../kolo-writer/kolo3-store'
import {decodeExact} from '../testing/exact-decoder'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {FIXTURES, bookshelf} from '../testing/fixtures'
import {copyTree, snapshotTree, tempDir} from '../testing/store-helpers'
import {TraceEngine} from './trace-engine'
import type {LoadRequest} from './trace-engine'
import {traceOps} from './trace-ops'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})
const scratch = (prefix: string): string => {
  const dir = tempDir(prefix)
  dirs.push(dir)
  return dir
}

const STORE_2X = `${FIXTURES}/bookshelf/app`
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const STATS_200 = 'trc_01M8AECTGEBBQF7G1H98B96VD2'

/** An engine as the worker makes one, over `cacheDir`; a new one is a restart. */
const engine = (cacheDir: string, modelCacheBytes?: number): TraceEngine =>
  new TraceEngine({cacheDir, modelCacheBytes})

/** Load, then write the cache entry as the worker does once the answer is out. */
function loadAndSettle(e: TraceEngine, req: LoadRequest): Uint8Array {
  const model = new Uint8Array(e.load(req))
  e.settle()
  return model
}

/** Everything a page asks of a loaded trace, by row. */
function answers(e: TraceEngine, req: LoadRequest): unknown[] {
  return e.withBuilt(req, built => {
    const out: unknown[] = [traceOps.insights(built, {})]
    for (let row = 0; row < built.model.nodeCount; row++) {
      const details = traceOps.details(built, {nodeId: row})
      out.push(details)
      if (details.frameId && built.model.kind[row] === NodeKind.frame) {
        out.push(traceOps.findFrame(built, {frameId: details.frameId}))
      }
      const fileId = built.model.fileId[row]!
      if (fileId >= 0) out.push(traceOps.file(built, {fileId}))
    }
    return out
  })
}

/** The single entry file in a cache folder, and its JSON part. */
function entryOf(cacheDir: string): {file: string; meta: EntryMeta} {
  const models = path.join(cacheDir, 'models')
  const names = fs.readdirSync(models).filter(n => n.endsWith('.kxc'))
  expect(names).toHaveLength(1)
  const file = path.join(models, names[0]!)
  const opened = SectionedFile.open(file, MODEL_CACHE_VERSION)!
  opened.close()
  return {file, meta: opened.meta as EntryMeta}
}

/** A Kolo 3.x store (raw .kolo containers) to change freely. */
function v3Store(): string {
  const root = scratch('kolo-cache-v3-')
  copyTree(`${FIXTURES}/bookshelf-v3`, root)
  return root
}

describe('model cache: a trace reopens after a restart from the cache', () => {
  it('gives the same model bytes and the same details, without decoding (2.x: body copy)', () => {
    const cacheDir = scratch('kolo-cache-')
    const req = {storePath: STORE_2X, traceId: IMPORT_500}
    const first = engine(cacheDir)
    const built = loadAndSettle(first, req)
    const expected = answers(first, req)
    expect(first.modelCache?.stats).toMatchObject({hits: 0, writes: 1})
    const {meta} = entryOf(cacheDir)
    expect(meta.body.kind).toBe('copy')
    first.close()

    const restarted = engine(cacheDir)
    expect(loadAndSettle(restarted, req)).toEqual(built)
    expect(restarted.modelCache?.stats).toMatchObject({hits: 1, misses: 0, writes: 0})
    expect(answers(restarted, req)).toEqual(expected)
    expect(decodeModel(built.buffer as ArrayBuffer).meta.name).toBe('500 POST /import/')
    restarted.close()
    // The same as a trace built and kept whole in memory, without any cache.
    const plain = engine(scratch('kolo-no-cache-'), 0)
    expect(loadAndSettle(plain, req)).toEqual(built)
    expect(answers(plain, req)).toEqual(expected)
    expect(plain.modelCache).toBeUndefined()
    plain.close()
  })

  it('reads a 3.x trace back from its raw file, and never writes into the store', () => {
    const root = v3Store()
    const before = snapshotTree(root)
    const cacheDir = scratch('kolo-cache-')
    const req = {storePath: root, traceId: IMPORT_500}
    const first = engine(cacheDir)
    const built = loadAndSettle(first, req)
    const expected = answers(first, req)
    first.close()
    const {meta} = entryOf(cacheDir)
    expect(meta.body).toMatchObject({kind: 'file'})
    const restarted = engine(cacheDir)
    expect(loadAndSettle(restarted, req)).toEqual(built)
    expect(restarted.modelCache?.stats.hits).toBe(1)
    expect(answers(restarted, req)).toEqual(expected)
    restarted.close()
    expect(snapshotTree(root)).toEqual(before)
  })
})

describe('model cache: the model goes out before the rest of the entry is read', () => {
  it('hands out the model it keeps (shared memory, never copied), then reads the rows', () => {
    const cacheDir = scratch('kolo-cache-')
    const req = {storePath: STORE_2X, traceId: IMPORT_500}
    const first = engine(cacheDir)
    const model = loadAndSettle(first, req)
    const expected = answers(first, req)
    first.close()
    const e = engine(cacheDir)
    const framed = e.load(req)
    expect(framed).toBeInstanceOf(SharedArrayBuffer)
    expect(new Uint8Array(framed)).toEqual(model)
    // The rows are still to be read: work left for after the answer.
    expect(e.busy).toBe(true)
    expect(e.load(req)).toBe(framed)
    e.settle()
    expect(e.busy).toBe(false)
    expect(answers(e, req)).toEqual(expected)
    expect(e.withBuilt(req, built => built.model.parent.buffer)).toBe(framed)
    e.close()
  })

  it('reads the rows at once when a question comes before they are read', () => {
    const cacheDir = scratch('kolo-cache-')
    const req = {storePath: STORE_2X, traceId: IMPORT_500}
    const first = engine(cacheDir)
    loadAndSettle(first, req)
    const expected = answers(first, req)
    first.close()
    const e = engine(cacheDir)
    e.load(req)
    expect(e.busy).toBe(true)
    expect(answers(e, req)).toEqual(expected)
    // What was left is done: nothing more to read.
    e.settle()
    expect(e.modelCache?.stats).toMatchObject({hits: 1, dropped: 0})
    e.close()
  })
})

describe('model cache: the first rows of a big trace come before the rest', () => {
  it('hands out a preview from the entry, then the same whole model', () => {
    const root = scratch('kolo-cache-big-')
    const trace = decodeExact(syntheticC2Trace({records: 30_000})) as Map<string, unknown>
    const traceId = trace.get('trace_id') as string
    writeKolo3Store(root, [trace], {chunkBytes: 64 * 1024})
    const cacheDir = scratch('kolo-cache-')
    const req = {storePath: root, traceId}
    const first = engine(cacheDir)
    const whole = loadAndSettle(first, req)
    first.close()
    const restarted = engine(cacheDir)
    const previews: ArrayBuffer[] = []
    const again = new Uint8Array(restarted.load(req, {onPreview: p => previews.push(p)}))
    expect(again).toEqual(whole)
    expect(restarted.modelCache?.stats.hits).toBe(1)
    expect(previews).toHaveLength(1)
    const preview = decodeModel(previews[0]!)
    const model = decodeModel(whole.buffer)
    expect(preview.nodeCount).toBe(4096)
    expect(preview.meta.partial?.recordsTotal).toBe(30_000)
    expect(preview.meta.partial!.recordsRead).toBeLessThan(30_000)
    for (let row = 0; row < preview.nodeCount; row += 17) {
      expect([
        preview.strings[preview.nameId[row]!],
        preview.depth[row],
        preview.startNs[row],
        preview.endNs[row],
      ]).toEqual([
        model.strings[model.nameId[row]!],
        model.depth[row],
        model.startNs[row],
        model.endNs[row],
      ])
      expect(preview.size[row]).toBe(Math.min(model.size[row]!, 4096 - row))
    }
    restarted.close()
  })
})

describe('model cache: damaged or stale entries are dropped and rebuilt, never trusted', () => {
  const req = {storePath: STORE_2X, traceId: IMPORT_500}

  function cachedOnce(): {cacheDir: string; model: Uint8Array; expected: unknown[]} {
    const cacheDir = scratch('kolo-cache-')
    const e = engine(cacheDir)
    const model = loadAndSettle(e, req)
    const expected = answers(e, req)
    e.close()
    return {cacheDir, model, expected}
  }

  function expectRebuilt(cacheDir: string, model: Uint8Array, expected: unknown[]): void {
    const e = engine(cacheDir)
    expect(loadAndSettle(e, req)).toEqual(model)
    expect(e.modelCache?.stats).toMatchObject({hits: 0, dropped: 1, writes: 1})
    expect(answers(e, req)).toEqual(expected)
    e.close()
    // Rewritten whole: the next start reads it.
    const again = engine(cacheDir)
    loadAndSettle(again, req)
    expect(again.modelCache?.stats.hits).toBe(1)
    again.close()
  }

  it('detects a truncated entry', () => {
    const {cacheDir, model, expected} = cachedOnce()
    const {file} = entryOf(cacheDir)
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))
    expectRebuilt(cacheDir, model, expected)
  })

  it('detects an entry overwritten with garbage', () => {
    const {cacheDir, model, expected} = cachedOnce()
    const {file} = entryOf(cacheDir)
    const size = fs.statSync(file).size
    const garbage = Buffer.alloc(size)
    for (let i = 0; i < size; i++) garbage[i] = (i * 2654435761) >>> 24
    fs.writeFileSync(file, garbage)
    expectRebuilt(cacheDir, model, expected)
  })

  it('detects a damaged model section behind an intact header', () => {
    const {cacheDir, model, expected} = cachedOnce()
    const {file} = entryOf(cacheDir)
    const opened = SectionedFile.open(file, MODEL_CACHE_VERSION)!
    const at = opened.info('model').offset + 200
    opened.close()
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.from([0xff, 0xfe, 0xfd]), 0, 3, at)
    fs.closeSync(fd)
    expectRebuilt(cacheDir, model, expected)
  })

  it('detects a damaged rows section after the model went out, and rebuilds', () => {
    const {cacheDir, model, expected} = cachedOnce()
    const {file} = entryOf(cacheDir)
    const opened = SectionedFile.open(file, MODEL_CACHE_VERSION)!
    const offsets = opened.info('offsets')
    opened.close()
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(16, 0xee), 0, 16, offsets.offset + 8)
    fs.closeSync(fd)
    const e = engine(cacheDir)
    // The model checks out and goes out; the rows are read after it, and do not check out.
    expect(new Uint8Array(e.load(req))).toEqual(model)
    expect(e.modelCache?.stats).toMatchObject({hits: 1, dropped: 0})
    expect(answers(e, req)).toEqual(expected)
    expect(e.modelCache?.stats).toMatchObject({dropped: 1})
    e.settle()
    e.close()
    const again = engine(cacheDir)
    expect(loadAndSettle(again, req)).toEqual(model)
    expect(answers(again, req)).toEqual(expected)
    expect(again.modelCache?.stats).toMatchObject({hits: 1, dropped: 0})
    again.close()
  })

  it('detects a damaged body copy when details read it, and rebuilds', () => {
    const {cacheDir, expected} = cachedOnce()
    const {file} = entryOf(cacheDir)
    const opened = SectionedFile.open(file, MODEL_CACHE_VERSION)!
    const body = opened.info('body')
    opened.close()
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, body.offset + Math.floor(body.length / 2))
    fs.closeSync(fd)
    const e = engine(cacheDir)
    e.load(req)
    expect(e.modelCache?.stats.hits).toBe(1)
    // The model and rows check out; the body block does not: the details rebuild from the store.
    expect(answers(e, req)).toEqual(expected)
    expect(e.modelCache?.stats.dropped).toBe(1)
    e.close()
  })

  /** Kolo writes a new body for that id (another trace's records), atomically. */
  function rewrite(root: string): void {
    const other = decodeExact(bookshelf().get(STATS_200)!) as Map<string, unknown>
    other.set('trace_id', IMPORT_500)
    const raw = path.join(root, '.kolo', '.internal', 'raw', `${IMPORT_500}.kolo`)
    fs.writeFileSync(`${raw}.new`, writeKoloContainer(other))
    fs.renameSync(`${raw}.new`, raw)
  }

  it('does not serve a 3.x trace whose raw file was rewritten under the same id', () => {
    const root = v3Store()
    const cacheDir = scratch('kolo-cache-')
    const req3 = {storePath: root, traceId: IMPORT_500}
    const first = engine(cacheDir)
    expect(decodeModel(first.load(req3)).meta.name).toBe('500 POST /import/')
    first.settle()
    first.close()
    rewrite(root)

    const restarted = engine(cacheDir)
    const model = decodeModel(restarted.load(req3))
    expect(model.meta.name).toBe('200 GET /stats/')
    expect(restarted.modelCache?.stats).toMatchObject({hits: 0, misses: 1})
    restarted.settle()
    // The old body's entry made way for the new one.
    const models = path.join(cacheDir, 'models')
    expect(fs.readdirSync(models).filter(n => n.endsWith('.kxc'))).toHaveLength(1)
    restarted.close()
  })

  it('does not reuse a kept trace for a page opening it again after a rewrite', () => {
    const root = v3Store()
    const e = engine(scratch('kolo-cache-'))
    const req3 = {storePath: root, traceId: IMPORT_500}
    expect(decodeModel(e.load(req3)).meta.name).toBe('500 POST /import/')
    rewrite(root)
    expect(decodeModel(e.load(req3)).meta.name).toBe('200 GET /stats/')
    e.close()
  })
})

describe('model cache: bounded', () => {
  it('keeps the folder under its bound, least recently used out first', () => {
    const cacheDir = scratch('kolo-cache-')
    const ids = [IMPORT_500, STATS_200, 'trc_01M8AECR889F4M33DWTT69S3XG']
    const sizes: number[] = []
    const e = engine(cacheDir, 1)
    for (const traceId of ids) loadAndSettle(e, {storePath: STORE_2X, traceId})
    // Each entry alone is over a 1-byte bound: none is written.
    const models = path.join(cacheDir, 'models')
    expect(fs.existsSync(models) ? fs.readdirSync(models) : []).toEqual([])
    e.close()

    const probe = engine(cacheDir)
    for (const traceId of ids) {
      loadAndSettle(probe, {storePath: STORE_2X, traceId})
      const file = probe.modelCache!.fileOf(probe.keyOf({storePath: STORE_2X, traceId}))
      sizes.push(fs.statSync(file).size)
    }
    probe.close()
    fs.rmSync(path.join(cacheDir, 'models'), {recursive: true})

    // Room for the last two entries: the first is evicted when the third comes.
    const bound = engine(cacheDir, sizes[1]! + sizes[2]! + 1)
    for (const traceId of ids) loadAndSettle(bound, {storePath: STORE_2X, traceId})
    bound.close()
    const left = engine(cacheDir)
    const hits = ids.map(traceId => {
      const before = left.modelCache!.stats.hits
      left.load({storePath: STORE_2X, traceId})
      return left.modelCache!.stats.hits - before
    })
    expect(hits).toEqual([0, 1, 1])
    left.close()
  })
})
