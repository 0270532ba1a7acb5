import {describe, expect, it} from 'vitest'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {createAppStore} from './app-store'
import {endpointOf, previousOfEndpoint} from './comparison-slice'

const list = [
  fakeSummary('t6', {method: 'GET', path: '/books/2/'}),
  fakeSummary('t5', {method: 'POST', path: '/books/1/'}),
  fakeSummary('t4', {method: 'GET', path: '/'}),
  fakeSummary('t3', {method: 'GET', path: '/books/1/', error: 'unreadable'}),
  fakeSummary('t2', {method: 'GET', path: '/books/7/?page=2'}),
  fakeSummary('t1', {method: 'GET', path: '/'}),
  fakeSummary('t0', {
    name: 'BookTests.test_list',
    kind: 'test',
    method: undefined,
    path: undefined,
  }),
]

describe('the previous trace of an endpoint', () => {
  it('is the newest older trace with the same method and route (ids as placeholders)', () => {
    expect(endpointOf(list[0]!)).toBe('GET /books/<int>/')
    expect(previousOfEndpoint(list, 't6')?.id).toBe('t2')
    expect(previousOfEndpoint(list, 't4')?.id).toBe('t1')
    expect(previousOfEndpoint(list, 't5')).toBeUndefined()
    expect(previousOfEndpoint(list, 'nope')).toBeUndefined()
  })

  it('is the one of the same name for tests and scripts', () => {
    const tests = [...list, fakeSummary('tt', {name: 'BookTests.test_list', kind: 'test'})]
    expect(previousOfEndpoint(tests, 't0')?.id).toBe('tt')
  })
})

describe('compareWithPrevious', () => {
  it('opens the comparison with the previous trace, paging past what the list holds', async () => {
    const many = [
      ...list.slice(0, 3),
      ...Array.from({length: 700}, (_, i) => fakeSummary(`x${i}`, {method: 'GET', path: '/x/'})),
      ...list.slice(3),
    ]
    const api = createFakeClient({traces: {p1: many}})
    const store = createAppStore(api)
    await store.getState().loadTraceList('p1')
    expect(store.getState().traceLists.p1?.traces).toHaveLength(200)
    const b = {projectId: 'p1', traceId: 't4'}
    expect(await store.getState().compareWithPrevious(b)).toBe(true)
    expect(store.getState().comparison).toEqual({a: {projectId: 'p1', traceId: 't1'}, b})
    expect(store.getState().activeView).toBe('diff')
    // The list the user sees is left as it was.
    expect(store.getState().traceLists.p1?.traces).toHaveLength(200)
  })

  it('says so when there is no older trace of the endpoint', async () => {
    const store = createAppStore(createFakeClient({traces: {p1: list}}))
    await store.getState().loadTraceList('p1')
    expect(await store.getState().compareWithPrevious({projectId: 'p1', traceId: 't5'})).toBe(false)
    expect(store.getState().notice?.message).toMatch(/No older trace of this endpoint/)
    expect(store.getState().comparison).toBeUndefined()
  })
})
