import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {decodeModel} from '../../../shared/api/model-codec'
import {NodeKind} from '../../../shared/model/node-kind'
import {createTraceHost} from './trace-host'
import type {LoadProgress, TraceHost} from './trace-host'
import {FIXTURES} from '../testing/fixtures'
import {LoadGate} from '../decode/load-gate'
import {bundleWorker} from '../testing/bundle-worker'

const STORE = `${FIXTURES}/bookshelf/app`
const DEEP = `${FIXTURES}/bookshelf-deep`
const DEEP_BIG = 'trc_01M8AEDA2VSAHRFXE020CYQTZ9'
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const GET_LIST = 'trc_01M8AECR889F4M33DWTT69S3XG'
const IMPORT_200 = 'trc_01M8AECSSNPE9A6FZBYCE8WXZN'
const DEEP_API = 'trc_01M8AEDA1CX75FH8YZWTW4J2A6'
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-model-host-'))
afterAll(() => fs.rmSync(cacheDir, {recursive: true, force: true}))

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

function hostSuite(name: string, makeHost: () => TraceHost): void {
  describe(name, () => {
    let host: TraceHost
    beforeAll(() => {
      host = makeHost()
    })
    afterAll(() => host.dispose())

    it('loads a framed model, reports progress, answers details', async () => {
      const progress: LoadProgress[] = []
      const buffer = await host.load({storePath: STORE, traceId: IMPORT_500}, p => progress.push(p))
      // The model the engine keeps, in shared memory: handed over without a copy.
      expect(buffer).toBeInstanceOf(SharedArrayBuffer)
      const model = decodeModel(buffer)
      expect(model.meta.name).toBe('500 POST /import/')
      expect(progress.length).toBeGreaterThan(0)
      expect(progress[0]!.bytesTotal).toBeGreaterThan(1000)
      const exception = model.kind.indexOf(NodeKind.exception)
      const details = await host.ask(
        'details',
        {storePath: STORE, traceId: IMPORT_500},
        {nodeId: exception},
      )
      expect(details.kind === 'exception' && details.summary).toEqual([
        'urllib.error.HTTPError: HTTP Error 404: Not Found\n',
      ])
    })

    it('answers details of a trace it has not loaded', async () => {
      const details = await host.ask('details', {storePath: STORE, traceId: GET_LIST}, {nodeId: 0})
      expect([details.kind, details.name]).toEqual(['request', 'GET /'])
    })

    it('rejects unknown traces, nodes and stores with typed errors', async () => {
      const noTrace = await rejection(host.load({storePath: STORE, traceId: 'trc_NOPE'}))
      expect(noTrace.code).toBe('not-found')
      const noNode = await rejection(
        host.ask('details', {storePath: STORE, traceId: IMPORT_500}, {nodeId: 9999}),
      )
      expect([noNode.code, noNode.message]).toEqual([
        'not-found',
        `Trace ${IMPORT_500} has no node 9999`,
      ])
      const noStore = await rejection(host.load({storePath: '/nonexistent/x', traceId: IMPORT_500}))
      expect(noStore.code).toBe('not-found')
      const noThread = await rejection(
        host.load({storePath: STORE, traceId: IMPORT_500, thread: 'x'}),
      )
      expect(noThread.code).toBe('not-found')
    })

    it('answers insights, frames and files of traces it has not loaded', async () => {
      const req = {storePath: STORE, traceId: IMPORT_500}
      const insights = await host.ask('insights', req, {})
      expect(insights.traceId).toBe(IMPORT_500)
      const model = decodeModel(await host.load(req))
      const view = model.strings.indexOf('shelf/views.py')
      expect(await host.ask('file', req, {fileId: view})).toBe('shelf/views.py')
      // A name is a string of the trace, not a file of it.
      expect(await host.ask('file', req, {fileId: model.nameId[1]!})).toBeUndefined()
      expect(await host.ask('file', req, {fileId: 1e6})).toBeUndefined()
      const frame = model.kind.indexOf(NodeKind.frame)
      const details = await host.ask('details', req, {nodeId: frame})
      expect(await host.ask('findFrame', req, {frameId: details.frameId!})).toBe(frame)
      expect(await host.ask('findFrame', req, {frameId: 'frm_NOPE'})).toBe(-1)
    })

    it('answers each thread of a trace apart: no thread is "current"', async () => {
      const all = {storePath: STORE, traceId: GET_LIST, thread: '*'}
      const main = {storePath: STORE, traceId: GET_LIST}
      await host.load(all)
      expect((await host.ask('details', main, {nodeId: 0})).kind).toBe('request')
      expect((await host.ask('details', all, {nodeId: 0})).kind).toBe('thread')
    })

    it('cancels an older load when a newer one starts', async () => {
      const older = host.load({storePath: DEEP, traceId: DEEP_BIG})
      const newer = host.load({storePath: STORE, traceId: GET_LIST})
      const error = await rejection(older)
      expect(error.code).toBe('cancelled')
      expect(decodeModel(await newer).meta.name).toBe('200 GET /')
    })

    it("cancels only the same client's older load", async () => {
      const other = host.load({storePath: DEEP, traceId: DEEP_API}, undefined, 'tab-b')
      const older = host.load({storePath: STORE, traceId: IMPORT_200}, undefined, 'tab-a')
      const newer = host.load({storePath: STORE, traceId: GET_LIST}, undefined, 'tab-a')
      expect((await rejection(older)).code).toBe('cancelled')
      expect(decodeModel(await newer).meta.name).toBe('200 GET /')
      expect(decodeModel(await other).meta.name).toBe('200 GET /api/books/')
    })
  })
}

hostSuite('trace host, inline', () => createTraceHost({cacheDir}))

describe('trace host, inline only', () => {
  it('exposes the built trace', async () => {
    const host = createTraceHost({cacheDir})
    await host.load({storePath: STORE, traceId: IMPORT_500})
    expect(host.built({storePath: STORE, traceId: IMPORT_500})?.model.meta.name).toBe(
      '500 POST /import/',
    )
    expect(host.built({storePath: STORE, traceId: GET_LIST})).toBeUndefined()
    await host.dispose()
  })
})

// The worker as scripts/build.mjs builds it, into the git-ignored .cache/.
const workerPath = path.join(root, '.cache/model-test/trace-worker.mjs')
beforeAll(async () => {
  await bundleWorker(path.join(root, 'main/node/trace-host/trace-worker.ts'), workerPath)
}, 60_000)

hostSuite('trace host, worker', () => createTraceHost({workerPath, cacheDir}))

/** What a page does to open a trace progressively: the preview, then the whole. */
function previewSuite(name: string, makeHost: () => TraceHost): void {
  describe(name, () => {
    let host: TraceHost
    beforeAll(() => {
      host = makeHost()
    })
    afterAll(() => host.dispose())
    const big = {storePath: DEEP, traceId: DEEP_BIG}

    it('hands out the first rows, then the whole model from the same load', async () => {
      const started: LoadProgress[] = []
      const joined: LoadProgress[] = []
      const preview = decodeModel(await host.loadPreview(big, p => started.push(p), 'tab'))
      const whole = decodeModel(await host.load(big, p => joined.push(p), 'tab'))
      expect(whole.meta.partial).toBeUndefined()
      expect(whole.meta.recordCount).toBe(7450)
      const partial = preview.meta.partial!
      expect(partial.recordsTotal).toBe(7450)
      expect(partial.recordsRead).toBeGreaterThanOrEqual(1000)
      expect(partial.recordsRead).toBeLessThan(7450)
      expect(preview.nodeCount).toBeLessThan(whole.nodeCount)
      expect(preview.meta.name).toBe(whole.meta.name)
      // The preview's rows are the tree's first rows.
      for (let row = 0; row < Math.min(preview.nodeCount, 200); row++) {
        expect([preview.kind[row], preview.depth[row], preview.nameId[row] !== undefined]).toEqual([
          whole.kind[row],
          whole.depth[row],
          true,
        ])
        expect(preview.strings[preview.nameId[row]!]).toBe(whole.strings[whole.nameId[row]!])
      }
      // One load: its progress went to the call that started it, up to the end.
      expect(joined).toEqual([])
      expect(started.at(-1)?.fraction).toBe(1)
      const fractions = started.map(p => p.fraction ?? 0)
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
      expect(fractions.some(f => f > 0 && f < 1)).toBe(true)
    })

    it('answers a small trace with its whole model at once', async () => {
      const small = decodeModel(await host.loadPreview({storePath: STORE, traceId: GET_LIST}))
      expect(small.meta.partial).toBeUndefined()
      expect(small.meta.name).toBe('200 GET /')
    })

    it('cancels a preview and its load when the client opens another trace', async () => {
      const older = host.loadPreview(big, undefined, 'tab-2')
      const olderWhole = host.load(big, undefined, 'tab-2')
      const newer = host.load({storePath: STORE, traceId: IMPORT_200}, undefined, 'tab-2')
      expect((await rejection(olderWhole)).code).toBe('cancelled')
      await older.then(
        model => expect(decodeModel(model).meta.partial).toBeDefined(),
        (error: unknown) => expect((error as ApiError).code).toBe('cancelled'),
      )
      expect(decodeModel(await newer).meta.name).toBe('200 POST /import/')
    })

    it("cancels the client's load of a trace on request (the user's Cancel)", async () => {
      const preview = host.loadPreview(big, undefined, 'tab-3')
      const whole = host.load(big, undefined, 'tab-3')
      // Another client's load of another trace, or of this one for another client: nothing to stop.
      expect(host.cancelLoad({storePath: STORE, traceId: IMPORT_200}, 'tab-3')).toBe(false)
      expect(host.cancelLoad(big, 'tab-4')).toBe(false)
      expect(host.cancelLoad(big, 'tab-3')).toBe(true)
      expect((await rejection(whole)).code).toBe('cancelled')
      await preview.then(
        model => expect(decodeModel(model).meta.partial).toBeDefined(),
        (error: unknown) => expect((error as ApiError).code).toBe('cancelled'),
      )
      expect(host.cancelLoad(big, 'tab-3')).toBe(false)
      // The trace opens again afterwards, whole.
      const again = decodeModel(await host.load(big, undefined, 'tab-3'))
      expect(again.meta.partial).toBeUndefined()
    })
  })
}

previewSuite('progressive open, inline', () =>
  createTraceHost({cacheDir, modelCacheBytes: 0, previewRecords: 1000}),
)
previewSuite('progressive open, worker', () =>
  createTraceHost({workerPath, cacheDir, modelCacheBytes: 0, previewRecords: 1000}),
)

describe('trace host, worker only', () => {
  it('gives the same model as inline, and no built trace', async () => {
    const worker = createTraceHost({workerPath, cacheDir})
    const inline = createTraceHost({cacheDir})
    const req = {storePath: STORE, traceId: IMPORT_500}
    const [a, b] = await Promise.all([worker.load(req), inline.load(req)])
    expect(new Uint8Array(a)).toEqual(new Uint8Array(b))
    expect(worker.built(req)).toBeUndefined()
    await Promise.all([worker.dispose(), inline.dispose()])
    expect((await rejection(worker.load(req))).code).toBe('unavailable')
  })

  it('reports a worker that cannot start', async () => {
    const host = createTraceHost({workerPath: path.join(cacheDir, 'missing.mjs'), cacheDir})
    const error = await rejection(host.load({storePath: STORE, traceId: IMPORT_500}))
    expect(error.code).toBe('internal')
    await host.dispose()
  })
})

describe('load gate', () => {
  it('counts a load while it runs, and not after, whether it succeeds or fails', async () => {
    const gate = new LoadGate()
    const host = createTraceHost({cacheDir, loadGate: gate.buffer, modelCacheBytes: 0})
    const during: number[] = []
    await host.load({storePath: STORE, traceId: IMPORT_500}, () => during.push(gate.loading))
    expect(during.length).toBeGreaterThan(0)
    expect(during.every(n => n === 1)).toBe(true)
    expect(gate.loading).toBe(0)
    await rejection(host.load({storePath: STORE, traceId: 'trc_missing'}))
    expect(gate.loading).toBe(0)
    await host.dispose()
  })
})
