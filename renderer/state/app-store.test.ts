import {describe, expect, it, vi} from 'vitest'
import {buildFakeModel} from '../testing/fake-model'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {createAppStore} from './app-store'
import {selectedTraceStatus} from './selectors'

const modelOf = (store: ReturnType<typeof createAppStore>, projectId: string, traceId: string) =>
  store.getState().resources.peek('model', {projectId, traceId})

const settle = () => new Promise(r => setTimeout(r, 5))

describe('createAppStore', () => {
  it('starts: loads projects and the first project list', async () => {
    const api = createFakeClient({traces: {p1: [fakeSummary('t1'), fakeSummary('t2')]}})
    const store = createAppStore(api)
    await store.getState().start()
    const s = store.getState()
    expect(s.selectedProjectId).toBe('p1')
    expect(s.traceLists.p1?.traces.map(t => t.id)).toEqual(['t1', 't2'])
    expect(s.traceLists.p1?.status.state).toBe('ready')
  })

  it('selectTrace loads the model into the cache and reports progress', async () => {
    const api = createFakeClient({
      models: {t1: buildFakeModel('t1', [{name: 'root', children: [{name: 'a'}]}])},
      delayMs: {loadTrace: 20},
    })
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 't1')
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'loading',
      trace: {projectId: 'p1', traceId: 't1'},
    })
    api.emit('traceLoadProgressed', {
      trace: {projectId: 'p1', traceId: 't1'},
      bytesRead: 5,
      bytesTotal: 10,
      records: 3,
    })
    expect(selectedTraceStatus(store.getState())).toMatchObject({
      progress: {bytesRead: 5, records: 3},
    })
    await new Promise(r => setTimeout(r, 40))
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p1', traceId: 't1'},
    })
    expect(modelOf(store, 'p1', 't1')?.nodeCount).toBe(2)
  })

  it('keeps apart two projects that hold the same trace id', async () => {
    const api = createFakeClient({
      models: {
        'p1/t': buildFakeModel('t', [{name: 'one'}]),
        'p2/t': buildFakeModel('t', [{name: 'two'}, {name: 'three'}]),
      },
    })
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 't')
    await settle()
    store.getState().selectTrace('p2', 't')
    expect(selectedTraceStatus(store.getState())).toMatchObject({
      state: 'loading',
      trace: {projectId: 'p2'},
    })
    await settle()
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p2', traceId: 't'},
    })
    expect(modelOf(store, 'p1', 't')?.nodeCount).toBe(1)
    expect(modelOf(store, 'p2', 't')?.nodeCount).toBe(2)
    // Back to the first project's trace: served from the cache, its own model.
    store.getState().selectTrace('p1', 't')
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p1', traceId: 't'},
    })
  })

  it("switching project closes the trace; the same id there opens that project's trace", async () => {
    const api = createFakeClient({
      models: {
        'p1/t': buildFakeModel('t', [{name: 'one'}]),
        'p2/t': buildFakeModel('t', [{name: 'two'}, {name: 'three'}]),
      },
    })
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 't')
    await settle()
    store.getState().selectProject('p2')
    expect(store.getState()).toMatchObject({selectedProjectId: 'p2', selectedTraceId: undefined})
    store.getState().selectTrace('p2', 't')
    await settle()
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p2', traceId: 't'},
    })
    // Small traces: the preview answers with the whole model, so no loadTrace follows.
    const loads = api.calls.filter(c => c.method === 'loadTracePreview').map(c => c.req)
    expect(loads).toMatchObject([
      {trace: {projectId: 'p1', traceId: 't'}},
      {trace: {projectId: 'p2', traceId: 't'}},
    ])
    // Every load names this page, so the backend cancels only its own older loads.
    expect(loads.map(r => (r as {client?: string}).client)).toEqual([
      expect.stringMatching(/^page-/),
      expect.stringMatching(/^page-/),
    ])
  })

  it('a slow load never overwrites a newer selection', async () => {
    const api = createFakeClient({
      models: {a: buildFakeModel('a', [{name: 'x'}]), b: buildFakeModel('b', [{name: 'y'}])},
      delayMs: {loadTrace: 10},
    })
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 'a')
    store.getState().selectTrace('p1', 'b')
    await new Promise(r => setTimeout(r, 40))
    expect(store.getState().selectedTraceId).toBe('b')
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p1', traceId: 'b'},
    })
  })

  it('a failed load keeps the message', async () => {
    const store = createAppStore(createFakeClient({}))
    store.getState().selectTrace('p1', 'nope')
    await settle()
    expect(selectedTraceStatus(store.getState())).toMatchObject({
      state: 'failed',
      code: 'not-found',
    })
  })

  it('pages the list and refetches on traceAdded', async () => {
    const many = Array.from({length: 450}, (_, i) => fakeSummary(`t${i}`))
    const traces = {p1: many}
    const api = createFakeClient({traces})
    const store = createAppStore(api)
    await store.getState().start()
    expect(store.getState().traceLists.p1?.traces).toHaveLength(200)
    await store.getState().loadMoreTraces('p1')
    expect(store.getState().traceLists.p1?.traces).toHaveLength(400)
    traces.p1 = [fakeSummary('new'), ...many]
    api.emit('traceAdded', {projectId: 'p1', traceIds: ['new']})
    await vi.waitFor(() => expect(store.getState().traceLists.p1?.traces[0]?.id).toBe('new'))
    const list = store.getState().traceLists.p1
    expect(list?.traces[0]?.id).toBe('new')
    expect(list?.traces).toHaveLength(400)
    expect(list?.total).toBe(451)
    store.getState().dispose()
  })

  it('selectNode and setActiveView', () => {
    const store = createAppStore(createFakeClient({}))
    store.getState().selectNode(3)
    store.getState().setActiveView('flame')
    expect(store.getState()).toMatchObject({selectedNodeId: 3, activeView: 'flame'})
  })
})

describe('live changes', () => {
  it('says so when the selected trace is deleted', async () => {
    const api = createFakeClient({models: {t1: buildFakeModel('t1', [{name: 'x'}])}})
    const store = createAppStore(api)
    store.getState().selectTrace('p1', 't1')
    await settle()
    expect(selectedTraceStatus(store.getState()).state).toBe('ready')
    api.emit('traceRemoved', {projectId: 'p1', traceIds: ['t1']})
    expect(selectedTraceStatus(store.getState())).toMatchObject({
      state: 'failed',
      message: 'Trace t1 was deleted from the store',
    })
    expect(modelOf(store, 'p1', 't1')).toBeUndefined()
  })
})

describe('selectAdjacentTrace', () => {
  it('steps through the list', async () => {
    const api = createFakeClient({
      traces: {p1: [fakeSummary('a'), fakeSummary('b'), fakeSummary('c')]},
    })
    const store = createAppStore(api)
    await store.getState().start()
    store.getState().selectAdjacentTrace(1)
    expect(store.getState().selectedTraceId).toBe('a')
    store.getState().selectAdjacentTrace(1)
    expect(store.getState().selectedTraceId).toBe('b')
    store.getState().selectAdjacentTrace(-1)
    expect(store.getState().selectedTraceId).toBe('a')
    store.getState().selectAdjacentTrace(-1)
    expect(store.getState().selectedTraceId).toBe('a')
  })
})
