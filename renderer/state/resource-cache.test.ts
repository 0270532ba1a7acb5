import {describe, expect, it, vi} from 'vitest'
import {ApiError} from '../../shared/api/errors'
import type {TraceRef} from '../../shared/model/trace-ref'
import {buildFakeModel} from '../testing/fake-model'
import {ResourceCache} from './resource-cache'
import {analysisOf, createTraceResources, loadModel} from './trace-resources'
import {createFakeClient} from '../testing/fake-client'

const p1: TraceRef = {projectId: 'p1', traceId: 't'}
const p2: TraceRef = {projectId: 'p2', traceId: 't'}

interface Kinds {
  text: string
  worker: {stopped: boolean}
}

function cache(onEvict?: (kind: keyof Kinds, trace: TraceRef) => void) {
  return new ResourceCache<Kinds>(
    {text: {capacity: 2}, worker: {capacity: 1, dispose: w => void (w.stopped = true)}},
    onEvict,
  )
}

describe('ResourceCache', () => {
  it('keys by trace (two projects may hold the same trace id), kind and argument', async () => {
    const c = cache()
    await c.fetch('text', p1, 1, () => Promise.resolve('p1 one'))
    await c.fetch('text', p2, 1, () => Promise.resolve('p2 one'))
    expect(c.peek('text', p1, 1)).toBe('p1 one')
    expect(c.peek('text', p2, 1)).toBe('p2 one')
    expect(c.peek('text', p1, 2)).toBeUndefined()
    expect(c.peek('text', {...p1, thread: '*'}, 1)).toBeUndefined()
  })

  it('shares a request in flight and forgets a failed one', async () => {
    const c = cache()
    const load = vi.fn(() => Promise.reject(new ApiError('internal', 'boom')))
    const a = c.fetch('text', p1, 1, load)
    const b = c.fetch('text', p1, 1, load)
    expect(a).toBe(b)
    await expect(a).rejects.toThrow('boom')
    expect(c.size('text')).toBe(0)
    await expect(c.fetch('text', p1, 1, () => Promise.resolve('again'))).resolves.toBe('again')
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('bounds each kind on its own, least recently used first out', async () => {
    const evicted: string[] = []
    const c = cache((kind, trace) => evicted.push(`${kind} ${trace.projectId}`))
    await c.fetch('text', p1, 1, () => Promise.resolve('a'))
    await c.fetch('text', p2, 1, () => Promise.resolve('b'))
    c.peek('text', p1, 1) // p1 is now the most recent
    c.put('worker', p1, '', {stopped: false})
    await c.fetch('text', p1, 2, () => Promise.resolve('c'))
    expect(c.peek('text', p2, 1)).toBeUndefined()
    expect(c.peek('text', p1, 1)).toBe('a')
    expect(evicted).toEqual(['text p2'])
  })

  it('drops a trace (any thread), a project, or a whole kind, disposing what it holds', async () => {
    const c = cache()
    const w = {stopped: false}
    c.put('worker', p1, '', w)
    await c.fetch('text', {...p1, thread: '*'}, 1, () => Promise.resolve('all threads'))
    await c.fetch('text', p2, 1, () => Promise.resolve('other project'))
    c.evictTrace('p1', 't')
    expect(w.stopped).toBe(true)
    expect(c.size('text')).toBe(1)
    c.evictTrace('p2')
    expect(c.size('text')).toBe(0)
    await c.fetch('text', p1, 1, () => Promise.resolve('x'))
    c.evictKind('text')
    expect(c.peek('text', p1, 1)).toBeUndefined()
  })

  it('does not keep an answer whose trace was dropped while it was in flight', async () => {
    const c = cache()
    let resolve: (v: string) => void = () => undefined
    const pending = c.fetch('text', p1, 1, () => new Promise<string>(r => (resolve = r)))
    c.evictTrace('p1', 't')
    resolve('late')
    await expect(pending).resolves.toBe('late')
    expect(c.peek('text', p1, 1)).toBeUndefined()
  })
})

describe('trace resources', () => {
  it('a model that leaves the cache takes its analysis worker with it', async () => {
    const evicted: string[] = []
    const resources = createTraceResources((kind, trace) =>
      evicted.push(`${kind} ${trace.traceId}`),
    )
    const ids = ['a', 'b', 'c', 'd']
    const api = createFakeClient({
      models: Object.fromEntries(ids.map(id => [id, buildFakeModel(id, [{name: id}])])),
    })
    const refs = ids.map(traceId => ({projectId: 'p1', traceId}))
    const first = await resources.fetch('model', refs[0]!, '', () => loadModel(api, refs[0]!, 'x'))
    const analysis = analysisOf(resources, refs[0]!, first)
    expect(analysisOf(resources, refs[0]!, first)).toBe(analysis)
    const dispose = vi.spyOn(analysis, 'dispose')
    for (const ref of refs.slice(1)) {
      await resources.fetch('model', ref, '', () => loadModel(api, ref, 'x'))
    }
    // Three models are kept; the oldest went, and its worker with it.
    expect(evicted).toEqual(['analysis a', 'model a'])
    expect(resources.peek('analysis', refs[0]!)).toBeUndefined()
    expect(dispose).toHaveBeenCalledTimes(1)
    expect(resources.peek('model', refs[3]!)?.traceId).toBe('d')
  })
})
