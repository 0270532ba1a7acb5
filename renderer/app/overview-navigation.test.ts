import {describe, expect, it} from 'vitest'
import {createAppStore} from '../state/app-store'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {buildFakeModel} from '../testing/fake-model'
import {chooseView, showProjectOverview} from './view-tabs'

const model = buildFakeModel('t1', [{name: 'GET /', kind: 'request', children: [{name: 'view'}]}])

async function setUp() {
  const api = createFakeClient({traces: {p1: [fakeSummary('t1')]}, models: {t1: model}})
  const store = createAppStore(api)
  await store.getState().start()
  return store
}

describe('between the overview, the trace views and the diff view', () => {
  it('goes back from the overview to the trace the user left when a trace view is chosen', async () => {
    const store = await setUp()
    store.getState().selectTrace('p1', 't1')
    store.getState().showOverview()
    expect(store.getState().selectedTraceId).toBeUndefined()
    chooseView(store, 'flame')
    expect(store.getState().selectedTraceId).toBe('t1')
    expect(store.getState().activeView).toBe('flame')
  })

  it('shows the diff view without a trace, and leaves it for the overview', async () => {
    const store = await setUp()
    store.getState().selectTrace('p1', 't1')
    store.getState().showOverview()
    const a = {projectId: 'p1', traceId: 't1'}
    store.getState().openComparison({a, b: a})
    expect(store.getState().activeView).toBe('diff')
    // The diff view needs no open trace: choosing it does not reopen the one left.
    chooseView(store, 'diff')
    expect(store.getState().selectedTraceId).toBeUndefined()
    showProjectOverview(store)
    expect(store.getState().activeView).toBe('tree')
    expect(store.getState().selectedTraceId).toBeUndefined()
  })
})
