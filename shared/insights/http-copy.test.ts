import {describe, expect, it} from 'vitest'
import {queryString, shellQuote, toCurl, toDjangoTestClient, toHttpie} from './http-copy'
import type {HttpRequestSpec} from './http-copy'
import {shellWords} from './shell-words'

const hostile = `it's $(rm -rf ~) \`id\` "q" \\ ! \n line2 ; & | > *`

const post: HttpRequestSpec = {
  method: 'POST',
  url: 'http://127.0.0.1:8000/import/?a=1',
  headers: [
    ['Content-Length', '18'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Host', '127.0.0.1:8000'],
    ['X-Evil', hostile],
    ['X-Empty', ''],
  ],
  body: `isbn=0000000000000&note=${hostile}`,
}

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
  ])('%s -> %s', (arg, quoted) => expect(shellQuote(arg)).toBe(quoted))

  it('round-trips hostile text as one word', () => {
    expect(shellWords(`x ${shellQuote(hostile)}`)).toEqual(['x', hostile])
  })
})

describe('toCurl', () => {
  it('quotes every piece and leaves out computed headers', () => {
    expect(shellWords(toCurl(post))).toEqual([
      'curl',
      '-X',
      'POST',
      'http://127.0.0.1:8000/import/?a=1',
      '-H',
      'Content-Type: application/x-www-form-urlencoded',
      '-H',
      `X-Evil: ${hostile}`,
      '-H',
      'X-Empty;',
      '--data-raw',
      post.body,
    ])
  })

  it('writes a GET without -X and notes a cut body as a comment', () => {
    const cmd = toCurl({method: 'GET', url: 'http://h/', headers: [], bodyNote: 'cut\nhere'})
    expect(cmd).toBe("# cut here\ncurl 'http://h/'")
  })
})

describe('toHttpie', () => {
  it('passes the body raw and headers as Name:Value items', () => {
    expect(shellWords(toHttpie(post))).toEqual([
      'http',
      '--ignore-stdin',
      'POST',
      'http://127.0.0.1:8000/import/?a=1',
      'Content-Type:application/x-www-form-urlencoded',
      `X-Evil:${hostile}`,
      'X-Empty;',
      '--raw',
      post.body,
    ])
  })
})

describe('toDjangoTestClient', () => {
  it('posts the body with its content type and headers as HTTP_ extras', () => {
    expect(
      toDjangoTestClient({
        method: 'POST',
        path: '/import/',
        query: [],
        headers: post.headers.slice(0, 3).concat([['User-Agent', "it's"]]),
        body: 'isbn=0000000000000',
      }),
    ).toBe(
      [
        'response = self.client.post(',
        "    '/import/',",
        "    data='isbn=0000000000000',",
        "    content_type='application/x-www-form-urlencoded',",
        '    HTTP_USER_AGENT="it\'s",',
        ')',
      ].join('\n'),
    )
  })

  it('gets with the query as a dict, repeated keys as lists', () => {
    const call = toDjangoTestClient({
      method: 'GET',
      path: '/api/books/',
      query: [
        ['page', '2'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
      headers: [],
    })
    expect(call).toBe(
      "response = self.client.get(\n    '/api/books/',\n    {'page': '2', 'tag': ['a', 'b']},\n)",
    )
  })

  it('uses generic() for other methods', () => {
    const call = toDjangoTestClient({method: 'PROPFIND', path: '/x/', query: [], headers: []})
    expect(call).toBe("response = self.client.generic(\n    'PROPFIND',\n    '/x/',\n)")
  })
})

describe('queryString', () => {
  it('encodes names and values', () => {
    expect(
      queryString([
        ['q', 'a b&c'],
        ['x', 'é'],
      ]),
    ).toBe('?q=a+b%26c&x=%C3%A9')
    expect(queryString([])).toBe('')
  })
})
