import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {TraceApi, TraceClient, TraceEvents} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import {decodeModel} from '../../../shared/api/model-codec'
import {createTraceService} from '../service/service'
import type {TraceService} from '../service/service'
import {fakeDeps} from './service-fakes'

/** A transport under test: wraps a service into a client as the renderer would see it. */
export interface Transport {
  client: TraceClient
  close(): Promise<void>
}

/** Builds a transport around a service. */
export type TransportFactory = (service: TraceService) => Promise<Transport>

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const started = Date.now()
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
      await new Promise(resolve => setTimeout(resolve, 10))
    }
  }
}

/**
 * The one contract suite: every transport must answer the same requests with the same results
 * and the same errors, and deliver the same events.
 */
export function describeContract(name: string, makeTransport: TransportFactory): void {
  describe(`TraceApi contract: ${name}`, () => {
    let service: TraceService
    let transport: Transport
    let api: TraceClient
    const loose = () => api as unknown as Record<keyof TraceApi, (req: unknown) => Promise<unknown>>

    beforeEach(async () => {
      const deps = fakeDeps(3)
      service = createTraceService(
        {projectPaths: ['/stores/shop', '/stores/broken', '/stores/shop'], watch: false},
        deps,
      )
      transport = await makeTransport(service)
      api = transport.client
    })
    afterEach(async () => {
      await transport.close()
      await service.dispose()
    })

    it('lists projects once per path, a broken one with its error', async () => {
      const projects = await api.listProjects({})
      expect(projects).toHaveLength(2)
      const [shop, broken] = projects
      expect(shop).toMatchObject({path: '/stores/shop', format: 'kolo-2', traceCount: 3})
      expect(shop?.error).toBeUndefined()
      expect(shop?.id).toMatch(/^p[0-9a-f]{12}$/)
      expect(broken?.error).toContain('/stores/broken')
      expect(broken?.traceCount).toBe(0)
    })

    it('pages traces', async () => {
      const [shop] = await api.listProjects({})
      const page = await api.listTraces({projectId: shop!.id, offset: 1, limit: 1})
      expect(page).toMatchObject({total: 3, offset: 1})
      expect(page.traces.map(t => t.id)).toEqual(['trc_1'])
      const all = await api.listTraces({projectId: shop!.id})
      expect(all.traces).toHaveLength(3)
    })

    it('names the project or store in errors, with the same codes on every transport', async () => {
      const [, broken] = await api.listProjects({})
      const unknown = await rejection(api.listTraces({projectId: 'nope'}))
      expect(unknown.code).toBe('not-found')
      const bad = await rejection(api.listTraces({projectId: broken!.id}))
      expect(bad.code).toBe('bad-store')
      expect(bad.message).toContain('/stores/broken')
    })

    it('refuses malformed requests', async () => {
      for (const req of [undefined, null, [], {projectId: 1}, {projectId: 'x', extra: 1}]) {
        const error = await rejection(loose().listTraces(req))
        expect(error.code).toBe('bad-request')
      }
      const negative = await rejection(
        loose().getNodeDetails({trace: {projectId: 'x', traceId: 't'}, nodeId: -1}),
      )
      expect(negative.code).toBe('bad-request')
    })

    it('loads a trace as a framed model and reports progress', async () => {
      const [shop] = await api.listProjects({})
      const seen: TraceEvents['traceLoadProgressed'][] = []
      const off = api.on('traceLoadProgressed', payload => seen.push(payload))
      // Over a stream, the subscription takes a moment to reach the server.
      await new Promise(resolve => setTimeout(resolve, 50))
      const buffer = await api.loadTrace({trace: {projectId: shop!.id, traceId: 'trc_2'}})
      expect(buffer).toBeInstanceOf(ArrayBuffer)
      const model = decodeModel(buffer)
      expect(model.traceId).toBe('trc_2')
      expect(model.strings[model.nameId[0]!]).toBe('books.views.book_list')
      await eventually(() => expect(seen).toHaveLength(2))
      expect(seen[1]).toEqual({
        trace: {projectId: shop!.id, traceId: 'trc_2'},
        bytesRead: 100,
        bytesTotal: 100,
        records: 2,
        fraction: 1,
      })
      off()
      await api.loadTrace({trace: {projectId: shop!.id, traceId: 'trc_1'}})
      await new Promise(resolve => setTimeout(resolve, 50))
      expect(seen).toHaveLength(2)
    })

    it('answers a preview of a trace as a framed model (binary, like loadTrace)', async () => {
      const [shop] = await api.listProjects({})
      const trace = {projectId: shop!.id, traceId: 'trc_1'}
      const preview = decodeModel(await api.loadTracePreview({trace, client: 'tab-1'}))
      expect([preview.traceId, preview.meta.partial]).toEqual(['trc_1', undefined])
      const missing = await rejection(
        api.loadTracePreview({trace: {projectId: shop!.id, traceId: 'trc_99'}}),
      )
      expect(missing.code).toBe('not-found')
    })

    it('cancels a load on request, saying whether one was running', async () => {
      const [shop] = await api.listProjects({})
      const trace = {projectId: shop!.id, traceId: 'trc_1'}
      await api.loadTrace({trace, client: 'tab-1'})
      expect(await api.cancelTraceLoad({trace, client: 'tab-1'})).toEqual({cancelled: false})
      const bad = await rejection(api.cancelTraceLoad({trace: {projectId: 3} as never}))
      expect(bad.code).toBe('bad-request')
    })

    it('answers node details, and not-found for an unknown trace or node', async () => {
      const [shop] = await api.listProjects({})
      const details = await api.getNodeDetails({
        trace: {projectId: shop!.id, traceId: 'trc_0'},
        nodeId: 0,
      })
      expect(details).toMatchObject({kind: 'frame', name: 'books.views.book_list'})
      const missingTrace = await rejection(
        api.loadTrace({trace: {projectId: shop!.id, traceId: 'trc_9'}}),
      )
      expect(missingTrace.code).toBe('not-found')
      const missingNode = await rejection(
        api.getNodeDetails({trace: {projectId: shop!.id, traceId: 'trc_0'}, nodeId: 5}),
      )
      expect(missingNode.code).toBe('not-found')
    })

    it('delivers events the service emits after a project is added', async () => {
      const changed: string[] = []
      api.on('projectChanged', ({projectId}) => changed.push(projectId))
      await new Promise(resolve => setTimeout(resolve, 50))
      const added = service.addProject('/stores/other')
      await eventually(() => expect(changed).toEqual([added.id]))
      expect(await api.listProjects({})).toHaveLength(3)
    })
  })
}
