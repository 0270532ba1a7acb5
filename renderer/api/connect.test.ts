import {describe, expect, it} from 'vitest'
import type {KoloBridge} from '../../shared/api/bridge'
import {ApiError} from '../../shared/api/errors'
import {bridgeClient, httpClient, initialLink} from './connect'

type Call = {url: string; init: RequestInit}

function fakeFetch(reply: (url: string) => Response): {fetch: typeof fetch; calls: Call[]} {
  const calls: Call[] = []
  const f = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    calls.push({url, init: init ?? {}})
    return Promise.resolve(reply(url))
  }
  return {fetch: f, calls}
}

const json = (body: unknown): Response =>
  new Response(JSON.stringify(body), {headers: {'content-type': 'application/json'}})

describe('httpClient', () => {
  it('POSTs JSON to api/<method> relative to the page and unwraps the envelope', async () => {
    const {fetch, calls} = fakeFetch(() =>
      json({ok: true, value: {traces: [], total: 0, offset: 0}}),
    )
    const api = httpClient('http://127.0.0.1:8000/sub/?token=abc', fetch)
    expect(await api.listTraces({projectId: 'p'})).toEqual({traces: [], total: 0, offset: 0})
    expect(calls[0]!.url).toBe('http://127.0.0.1:8000/sub/api/listTraces')
    expect(calls[0]!.init.method).toBe('POST')
    expect(calls[0]!.init.body).toBe('{"projectId":"p"}')
  })

  it('reads binary methods as an ArrayBuffer, and their JSON errors as ApiError', async () => {
    const bytes = new Uint8Array([1, 2, 3])
    const ok = fakeFetch(
      () => new Response(bytes, {headers: {'content-type': 'application/octet-stream'}}),
    )
    const buffer = await httpClient('http://h/', ok.fetch).loadTrace({
      trace: {projectId: 'p', traceId: 't'},
    })
    expect([...new Uint8Array(buffer)]).toEqual([1, 2, 3])

    const bad = fakeFetch(() =>
      json({ok: false, error: {code: 'bad-trace', message: 'db.sqlite3: trace t is torn'}}),
    )
    const error = await httpClient('http://h/', bad.fetch)
      .loadTrace({trace: {projectId: 'p', traceId: 't'}})
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({code: 'bad-trace', message: 'db.sqlite3: trace t is torn'})
  })

  it('names the problem when the server is unreachable or answers something else', async () => {
    const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch
    await expect(httpClient('http://h/', down).listProjects({})).rejects.toMatchObject({
      code: 'unavailable',
    })
    const html = fakeFetch(
      () => new Response('<h1>502</h1>', {status: 502, headers: {'content-type': 'text/html'}}),
    )
    await expect(httpClient('http://h/', html.fetch).listProjects({})).rejects.toThrow(/502/)
  })
})

describe('bridgeClient', () => {
  it('unwraps the preload’s envelopes and passes events through', async () => {
    const listeners: ((p: unknown) => void)[] = []
    const bridge = {
      call: {
        listProjects: () => Promise.resolve({ok: true, value: []}),
        listTraces: () =>
          Promise.resolve({ok: false, error: {code: 'not-found', message: 'no project p'}}),
        loadTrace: () => Promise.resolve({ok: true, value: new ArrayBuffer(0)}),
        getNodeDetails: () => Promise.resolve({ok: true, value: {}}),
      },
      on: (_e: string, l: (p: unknown) => void) => {
        listeners.push(l)
        return () => undefined
      },
    } as unknown as KoloBridge
    const api = bridgeClient(bridge)
    expect(await api.listProjects({})).toEqual([])
    await expect(api.listTraces({projectId: 'p'})).rejects.toMatchObject({code: 'not-found'})
    const seen: unknown[] = []
    api.on('traceAdded', p => seen.push(p))
    listeners[0]!({projectId: 'p', traceIds: ['t']})
    expect(seen).toEqual([{projectId: 'p', traceIds: ['t']}])
  })
})

describe('initialLink', () => {
  it('reads ?link=', () => {
    expect(initialLink('http://h/?token=x&link=kolo-explorer%3A%2F%2Fopen%3Ftrace%3Dt')).toBe(
      'kolo-explorer://open?trace=t',
    )
    expect(initialLink('http://h/')).toBeUndefined()
  })
})
