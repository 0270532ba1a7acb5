import {describe, expect, it} from 'vitest'
import {endpointKey, hostOf, normalisePath, routeFromPattern} from './route-key'

describe('routeFromPattern', () => {
  it.each([
    ['', '/'],
    ['books/<int:book_id>/', '/books/<int:book_id>/'],
    ['^api/(?P<pk>[0-9]+)/$', '/api/(?P<pk>[0-9]+)/'],
    ['/already/', '/already/'],
  ])('%j → %j', (route, path) => expect(routeFromPattern(route)).toBe(path))
})

describe('normalisePath', () => {
  it.each([
    ['/books/99/', '/books/<int>/'],
    ['/books/1/reviews/', '/books/<int>/reviews/'],
    ['/', '/'],
    ['/api/books/?page=2', '/api/books/'],
    ['/o/3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b/pay', '/o/<uuid>/pay'],
    ['/t/trc_01M8AECWD7FXEP7N91TPXMEQMB/', '/t/<ulid>/'],
    ['/blob/9f86d081884c7d659a2feaa0c55ad015/', '/blob/<hex>/'],
    ['/blog/my-first-post/', '/blog/my-first-post/'],
    ['/v2/deadbeefdeadbeef', '/v2/deadbeefdeadbeef'], // all letters: a word, not an id
  ])('%j → %j', (path, normal) => expect(normalisePath(path)).toBe(normal))
})

describe('endpointKey and hostOf', () => {
  it('joins method and route', () => {
    expect(endpointKey('GET', '/books/<int:book_id>/')).toBe('GET /books/<int:book_id>/')
    expect(endpointKey(undefined, 'job send_mail')).toBe('job send_mail')
  })

  it.each([
    ['http://127.0.0.1:18767/isbn/0000000000000', '127.0.0.1:18767'],
    ['https://API.payments.example/v1/charges?x=1', 'api.payments.example'],
    ['https://user:pw@host.example/', 'host.example'],
    ['http://[::1]:8000/x', '[::1]:8000'],
    ['/relative/path', undefined],
  ])('host of %j is %j', (url, host) => expect(hostOf(url)).toBe(host))
})
