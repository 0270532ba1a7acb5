import {describe, expect, it} from 'vitest'
import type {RequestDetails} from '../model/node-details'
import {py} from '../values/py-value'
import {bodyText, djangoClientInput, inboundSpec, inboundUrl, pairsOf} from './request-spec'

const request: RequestDetails = {
  nodeId: 0,
  kind: 'request',
  name: 'GET /search/',
  startNs: 0,
  endNs: 1,
  method: 'GET',
  path: '/search/café/',
  scheme: 'https',
  headers: py.dict([
    [py.str('Host'), py.str('shop.test')],
    [py.str('Accept'), py.str('text/html')],
  ]),
  queryParams: py.dict([[py.str('q'), py.list([py.str('a b'), py.str('c&d')])]]),
}

describe('request specs', () => {
  it('rebuilds the URL from scheme, Host, the path and the query (repeated keys kept)', () => {
    expect(inboundUrl(request)).toBe('https://shop.test/search/caf%C3%A9/?q=a+b&q=c%26d')
    expect(inboundUrl(request, 'http://127.0.0.1:9000/')).toBe(
      'http://127.0.0.1:9000/search/caf%C3%A9/?q=a+b&q=c%26d',
    )
  })

  it('turns dicts of lists into pairs', () => {
    expect(pairsOf(request.queryParams)).toEqual([
      ['q', 'a b'],
      ['q', 'c&d'],
    ])
  })

  it('notes a body that was cut or holds NUL', () => {
    expect(bodyText({t: 'str', v: 'abc', cut: 10})).toEqual({
      text: 'abc',
      note: 'the body was cut to 3 of 10 characters',
    })
    expect(bodyText(py.str('a\u0000b'))).toEqual({note: 'the body holds NUL bytes and is left out'})
    expect(bodyText({t: 'bytes', hex: '6869', length: 2})).toEqual({text: 'hi'})
    expect(bodyText(py.none)).toEqual({})
  })

  it('leaves an empty body out of the spec and gives the client the query as pairs', () => {
    const spec = inboundSpec({...request, body: py.str('')})
    expect(spec.body).toBeUndefined()
    expect(djangoClientInput(request)).toMatchObject({
      path: '/search/café/',
      query: [
        ['q', 'a b'],
        ['q', 'c&d'],
      ],
    })
  })
})
