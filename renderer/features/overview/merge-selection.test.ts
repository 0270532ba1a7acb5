import {describe, expect, it, vi} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {createTraceResources} from '../../state/trace-resources'
import {createFakeClient} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {mergeTraceCap, mergeTraces} from './merge-selection'

// Two GET / requests through book_list (with different string tables), and a test.
const get = (id: string, extra: number) =>
  buildFakeModel(id, [
    {
      name: 'GET /',
      kind: 'request',
      children: [
        ...(extra ? [{name: `helper${extra}`, file: 'shelf/x.py', durationNs: 500}] : []),
        {name: 'shelf.views.book_list', file: 'shelf/views.py', line: 12, durationNs: 4000},
      ],
    },
  ])
const models = {
  a: get('a', 0),
  b: get('b', 1),
  t: buildFakeModel('t', [{name: 'test_x', kind: 'test'}]),
}

const names = (flame: NonNullable<Awaited<ReturnType<typeof mergeTraces>>>) =>
  Array.from({length: flame.layout.nodeCount}, (_, i) => ({
    name: flame.strings[flame.layout.nameId[i]!],
    calls: flame.layout.calls[i],
    depth: flame.layout.depth[i],
  }))

describe('mergeTraces', () => {
  it("merges the traces' identical call paths into one node each", async () => {
    const api = createFakeClient({models})
    const resources = createTraceResources()
    const progress = vi.fn()
    const flame = await mergeTraces(
      {api, resources, client: 'c'},
      'p1',
      ['a', 'b', 't'],
      () => false,
      progress,
    )
    expect(flame).toBeDefined()
    expect(flame!.merged).toBe(3)
    expect(flame!.skipped).toEqual([])
    const nodes = names(flame!)
    expect(nodes).toContainEqual({name: 'GET /', calls: 2, depth: 0})
    expect(nodes).toContainEqual({name: 'shelf.views.book_list', calls: 2, depth: 1})
    expect(nodes).toContainEqual({name: 'helper1', calls: 1, depth: 1})
    expect(nodes).toContainEqual({name: 'test_x', calls: 1, depth: 0})
    expect(progress).toHaveBeenLastCalledWith(3, 3)
    // The models went through the cache: merging again loads nothing more.
    const loads = () => api.calls.filter(c => c.method === 'loadTrace').length
    expect(loads()).toBe(3)
    await mergeTraces({api, resources, client: 'c'}, 'p1', ['a', 'b'], () => false, progress)
    expect(loads()).toBe(3)
  })

  it('says which traces it left out, and why', async () => {
    const api = createFakeClient({
      models,
      overrides: {
        loadTrace: () => Promise.reject(new ApiError('bad-trace', 'trc b: cannot decode')),
      },
    })
    const resources = createTraceResources()
    resources.put('model', {projectId: 'p1', traceId: 'a'}, '', models.a)
    const flame = await mergeTraces(
      {api, resources, client: 'c'},
      'p1',
      ['a', 'b'],
      () => false,
      () => undefined,
    )
    expect(flame!.merged).toBe(1)
    expect(flame!.skipped).toEqual([{traceId: 'b', why: 'trc b: cannot decode'}])
  })

  it(`merges at most ${mergeTraceCap} traces, the newest`, async () => {
    const ids = Array.from({length: mergeTraceCap + 5}, (_, i) => `t${i}`)
    const many = Object.fromEntries(ids.map(id => [id, get(id, 0)]))
    const api = createFakeClient({models: many})
    const flame = await mergeTraces(
      {api, resources: createTraceResources(), client: 'c'},
      'p1',
      ids,
      () => false,
      () => undefined,
    )
    expect(flame!.asked).toBe(mergeTraceCap + 5)
    expect(flame!.skipped.map(s => s.traceId)).toEqual(['t4', 't3', 't2', 't1', 't0'])
    expect(names(flame!)).toContainEqual({name: 'GET /', calls: mergeTraceCap, depth: 0})
  })

  it('stops when cancelled', async () => {
    const api = createFakeClient({models})
    let cancelled = false
    const flame = await mergeTraces(
      {api, resources: createTraceResources(), client: 'c'},
      'p1',
      ['a', 'b'],
      () => cancelled,
      () => (cancelled = true),
    )
    expect(flame).toBeUndefined()
  })
})
