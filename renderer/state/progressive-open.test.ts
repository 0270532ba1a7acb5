import {describe, expect, it} from 'vitest'
import {ApiError} from '../../shared/api/errors'
import {encodeModel} from '../../shared/api/model-codec'
import type {TraceRef} from '../../shared/model/trace-ref'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {buildWideModel, fakePreview} from '../testing/fake-model'
import {createAppStore} from './app-store'
import {modelKey, previewOf} from './model-keys'
import {loadStatusOf} from './selectors'

const a: TraceRef = {projectId: 'p1', traceId: 'a'}
const b: TraceRef = {projectId: 'p1', traceId: 'b'}
const whole = buildWideModel('a', 4, 4) // 341 rows
const preview = fakePreview(whole, 40)

/** Resolves when `check` holds, polling the store (fails after a second). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise(r => setTimeout(r, 5))
  expect(check()).toBe(true)
}

describe('progressive open', () => {
  it('shows the preview of a big trace, then the whole model under the same key', async () => {
    const api = createFakeClient({
      models: {a: whole},
      previews: {a: preview},
      delayMs: {loadTracePreview: 5, loadTrace: 40},
    })
    const store = createAppStore(api)
    const {resources} = store.getState()
    store.getState().selectTrace('p1', 'a')
    await until(() => loadStatusOf(store.getState(), a).state === 'loading')
    await until(() => resources.peek('preview', a) !== undefined)
    expect(loadStatusOf(store.getState(), a)).toMatchObject({state: 'loading', preview: true})
    const shown = resources.peek('preview', a)!
    expect(shown.meta.partial).toEqual({recordsRead: 80, recordsTotal: whole.meta.recordCount})
    expect(shown.nodeCount).toBe(40)
    // Progress keeps the preview flag and carries the backend's fraction.
    api.emit('traceLoadProgressed', {
      trace: a,
      bytesRead: 5,
      bytesTotal: 10,
      records: 90,
      fraction: 0.3,
    })
    expect(loadStatusOf(store.getState(), a)).toMatchObject({
      state: 'loading',
      preview: true,
      progress: {records: 90, fraction: 0.3},
    })
    await until(() => loadStatusOf(store.getState(), a).state === 'ready')
    const model = resources.peek('model', a)!
    expect(model.nodeCount).toBe(341)
    expect(modelKey(model)).toBe(modelKey(shown))
    expect(previewOf(model)).toBe(shown)
    // The preview goes once the whole is in.
    expect(resources.peek('preview', a)).toBeUndefined()
    // The preview, then the whole from the same load: the same trace and client.
    const loads = api.calls.filter(c => c.method.startsWith('loadTrace'))
    expect(loads.map(c => c.method)).toEqual(['loadTracePreview', 'loadTrace'])
    const [first, second] = loads.map(c => c.req as {trace: TraceRef; client: string})
    expect(second).toEqual(first)
  })

  it('takes the whole model at once when the preview answer is whole (a small trace)', async () => {
    const api = createFakeClient({models: {a: whole}})
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 'a')
    await until(() => loadStatusOf(store.getState(), a).state === 'ready')
    expect(loadStatusOf(store.getState(), a)).toEqual({state: 'ready', trace: a})
    expect(api.calls.filter(c => c.method === 'loadTrace')).toHaveLength(0)
    expect(previewOf(store.getState().resources.peek('model', a)!)).toBeUndefined()
  })

  it('opening another trace cancels the one still loading: its preview goes, no error', async () => {
    // As the backend does: a client's load of another trace rejects its older load 'cancelled'.
    let cancelA: (() => void) | undefined
    const api = createFakeClient({
      models: {a: whole, b: buildWideModel('b', 2, 2)},
      overrides: {
        loadTracePreview: async req => {
          if (req.trace.traceId === 'a') return encodeModel(preview)
          cancelA?.()
          await new Promise(r => setTimeout(r, 5))
          return encodeModel(buildWideModel('b', 2, 2))
        },
        loadTrace: req =>
          new Promise((_, reject) => {
            if (req.trace.traceId !== 'a') return
            cancelA = () => reject(new ApiError('cancelled', 'Superseded by a newer load'))
          }),
      },
    })
    const store = createAppStore(api)
    const {resources} = store.getState()
    store.getState().selectTrace('p1', 'a')
    await until(() => resources.peek('preview', a) !== undefined)
    store.getState().selectTrace('p1', 'b')
    await until(() => loadStatusOf(store.getState(), b).state === 'ready')
    expect(loadStatusOf(store.getState(), a)).toEqual({state: 'idle'})
    expect(resources.peek('preview', a)).toBeUndefined()
    expect(resources.peek('model', a)).toBeUndefined()
    expect(store.getState().notice).toBeUndefined()
    // Back to the first: it loads again (a cancelled load is not kept).
    store.getState().selectTrace('p1', 'a')
    await until(() => resources.peek('preview', a) !== undefined)
    expect(loadStatusOf(store.getState(), a)).toMatchObject({state: 'loading', preview: true})
  })

  it('Cancel stops the load in the backend, drops the preview, and the trace opens again', async () => {
    // As the backend does: cancelTraceLoad rejects the client's load of that trace 'cancelled'.
    let cancelA: (() => void) | undefined
    let whole2 = false
    const asked: {method: string; client?: string}[] = []
    const api = createFakeClient({
      models: {a: whole},
      overrides: {
        loadTracePreview: () => Promise.resolve(encodeModel(preview)),
        loadTrace: req => {
          asked.push({method: 'loadTrace', client: req.client})
          return whole2
            ? Promise.resolve(encodeModel(whole))
            : new Promise((_, reject) => {
                cancelA = () => reject(new ApiError('cancelled', 'Cancelled'))
              })
        },
        cancelTraceLoad: req => {
          asked.push({method: 'cancelTraceLoad', client: req.client})
          cancelA?.()
          return Promise.resolve({cancelled: true})
        },
      },
    })
    const store = createAppStore(api)
    const {resources} = store.getState()
    store.getState().selectTrace('p1', 'a')
    await until(() => resources.peek('preview', a) !== undefined)
    store.getState().cancelTraceLoad(a)
    expect(loadStatusOf(store.getState(), a)).toMatchObject({state: 'failed', code: 'cancelled'})
    expect(resources.peek('preview', a)).toBeUndefined()
    // The backend hears which client's load to stop: the one that loads it.
    expect(asked).toHaveLength(2)
    expect(asked[1]).toEqual({method: 'cancelTraceLoad', client: asked[0]!.client})
    // The cancelled load's rejection does not overwrite what the user sees.
    await new Promise(r => setTimeout(r, 10))
    expect(loadStatusOf(store.getState(), a)).toMatchObject({state: 'failed', code: 'cancelled'})
    // Opening it again starts a fresh load, which completes.
    whole2 = true
    await store.getState().loadTrace(a)
    expect(loadStatusOf(store.getState(), a)).toEqual({state: 'ready', trace: a})
    expect(resources.peek('model', a)?.nodeCount).toBe(whole.nodeCount)
    // Cancel on a trace not loading does nothing.
    store.getState().cancelTraceLoad(a)
    expect(loadStatusOf(store.getState(), a).state).toBe('ready')
    expect(asked.filter(c => c.method === 'cancelTraceLoad')).toHaveLength(1)
  })

  it('a failed whole load drops the preview and says why', async () => {
    const api = createFakeClient({
      models: {a: whole},
      previews: {a: preview},
      overrides: {
        loadTrace: () => Promise.reject(new ApiError('bad-trace', 'a.kolo: torn chunk')),
      },
    })
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 'a')
    await until(() => loadStatusOf(store.getState(), a).state === 'failed')
    expect(loadStatusOf(store.getState(), a)).toMatchObject({message: 'a.kolo: torn chunk'})
    expect(store.getState().resources.peek('preview', a)).toBeUndefined()
  })

  it('refetches the list after opening a trace whose row was not counted yet', async () => {
    const rows = {p1: [fakeSummary('a', {partial: true, recordCount: 682}), fakeSummary('b')]}
    const api = createFakeClient({traces: rows, models: {a: whole, b: whole}})
    const store = createAppStore(api)
    await store.getState().start()
    const lists = () => api.calls.filter(c => c.method === 'listTraces').length
    expect(lists()).toBe(1)
    // The backend completes the row from the load's pass.
    rows.p1[0] = fakeSummary('a', {recordCount: 682, queryCount: 3})
    store.getState().selectTrace('p1', 'a')
    await until(() => store.getState().traceLists.p1?.traces[0]?.queryCount === 3)
    expect(lists()).toBe(2)
    expect(store.getState().traceLists.p1?.traces[0]?.partial).toBeUndefined()
    // A row that was counted is not listed again.
    store.getState().selectTrace('p1', 'b')
    await until(() => loadStatusOf(store.getState(), b).state === 'ready')
    await new Promise(r => setTimeout(r, 10))
    expect(lists()).toBe(2)
  })
})
