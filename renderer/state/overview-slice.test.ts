import {afterEach, describe, expect, it, vi} from 'vitest'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {buildFakeModel} from '../testing/fake-model'
import {createAppStore} from './app-store'
import {indexRefreshMs} from './project-index-slice'

const model = buildFakeModel('t1', [{name: 'GET /', kind: 'request', children: [{name: 'view'}]}])

function setUp() {
  const api = createFakeClient({traces: {p1: [fakeSummary('t1')]}, models: {t1: model}})
  return {api, store: createAppStore(api)}
}

afterEach(() => {
  vi.useRealTimers()
})

describe('overview slice', () => {
  it('leaves the open trace for the overview and remembers it', async () => {
    const {store} = setUp()
    await store.getState().start()
    store.getState().selectTrace('p1', 't1')
    store.getState().selectNode(1)
    store.getState().showOverview()
    const s = store.getState()
    expect(s.selectedProjectId).toBe('p1')
    expect(s.selectedTraceId).toBeUndefined()
    expect(s.selectedNodeId).toBeUndefined()
    expect(s.overviewReturn).toEqual({projectId: 'p1', traceId: 't1'})
  })

  it('opens an execution: the trace, then the node in the asked view', async () => {
    const {store} = setUp()
    await store.getState().start()
    await store.getState().openExecution({projectId: 'p1', traceId: 't1', nodeId: 1, view: 'tree'})
    expect(store.getState().selectedTraceId).toBe('t1')
    expect(store.getState().selectedNodeId).toBe(1)
    expect(store.getState().activeView).toBe('tree')
  })

  it('says so when the node is not in the trace (an index older than the trace)', async () => {
    const {store} = setUp()
    await store.getState().start()
    await store.getState().openExecution({projectId: 'p1', traceId: 't1', nodeId: 99})
    expect(store.getState().selectedNodeId).toBeUndefined()
    expect(store.getState().notice?.message).toContain('no node 99')
  })
})

describe('project index slice', () => {
  it('moves the generation at once, then at most once per interval, the last change landing', () => {
    vi.useFakeTimers()
    const {api, store} = setUp()
    const generation = () => store.getState().projectIndexes.p1?.generation ?? 0
    api.emit('projectIndexChanged', {projectId: 'p1', traceIds: ['a']})
    expect(generation()).toBe(1)
    for (let i = 0; i < 50; i++) {
      api.emit('projectIndexChanged', {projectId: 'p1', traceIds: [`b${i}`]})
    }
    expect(generation()).toBe(1)
    vi.advanceTimersByTime(indexRefreshMs)
    expect(generation()).toBe(2)
    vi.advanceTimersByTime(indexRefreshMs * 3)
    expect(generation()).toBe(2)
    api.emit('projectIndexChanged', {projectId: 'p1', traceIds: ['c']})
    expect(generation()).toBe(3)
  })

  it('keeps progress and notices per project, newest notice first', () => {
    const {api, store} = setUp()
    api.emit('projectIndexProgressed', {
      projectId: 'p1',
      progress: {phase: 'indexing', done: 1, total: 9, failed: 0},
    })
    api.emit('projectIndexNoticed', {
      projectId: 'p1',
      notice: {level: 'error', code: 'trace-failed', message: 'one'},
    })
    api.emit('projectIndexNoticed', {
      projectId: 'p1',
      notice: {level: 'info', code: 'index-rebuilt', message: 'two'},
    })
    const p1 = store.getState().projectIndexes.p1!
    expect(p1.progress?.done).toBe(1)
    expect(p1.notices.map(n => n.message)).toEqual(['two', 'one'])
    expect(store.getState().projectIndexes.p2).toBeUndefined()
    store.getState().dismissIndexNotices('p1')
    expect(store.getState().projectIndexes.p1!.notices).toEqual([])
  })
})
