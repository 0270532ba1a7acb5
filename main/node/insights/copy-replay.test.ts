import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {toCurl} from '../../../shared/insights/http-copy'
import {inboundSpec} from '../../../shared/insights/request-spec'
import {shellWords} from '../../../shared/insights/shell-words'
import type {RequestDetails} from '../../../shared/model/node-details'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {bookshelf} from '../testing/fixtures'
import {buildTraceModel} from '../model/build-trace'
import {nodeDetails} from '../model/node-details'

// "Copy as curl" of the 500 POST /import/ request, replayed against a local server: the command
// runs in a real POSIX shell with the real curl when there is one, else its words (parsed by the
// tiny argv parser) are replayed with node:http, so the quoting is checked either way.
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const curlPath = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].find(p => existsSync(p))

interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

let server: http.Server
let origin = ''
const received: Received[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      res.end('ok')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

function recordedImport(): RequestDetails {
  const body = bookshelf().get(IMPORT_500)!
  const built = buildTraceModel(decodeTraceBody(body, {source: IMPORT_500}))
  const details = nodeDetails(built, 0)
  if (details.kind !== 'request') throw new Error('node 0 is not the request')
  return details
}

function runCurl(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The test (not the app) hands the generated command to a shell, as a user pasting it would.
    execFile('/bin/sh', ['-c', command], {timeout: 10_000}, error => {
      if (error) reject(new Error(`sh -c curl failed: ${error.message}`))
      else resolve()
    })
  })
}

/** Replay curl's words with node:http: -X, -H, --data-raw and the URL are all we write. */
function replayWords(words: string[]): Promise<void> {
  let method = 'GET'
  let url = ''
  let body: string | undefined
  const headers: [string, string][] = []
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!
    if (w === '-X') method = words[++i]!
    else if (w === '-H') {
      const h = words[++i]!
      const colon = h.indexOf(':')
      headers.push([h.slice(0, colon), h.slice(colon + 1).trim()])
    } else if (w === '--data-raw') body = words[++i]!
    else url = w
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, {method, headers: Object.fromEntries(headers)}, res => {
      res.resume()
      res.on('end', () => resolve())
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe(`copy as curl (${curlPath ? 'real curl in /bin/sh' : 'argv parser + node:http'})`, () => {
  it('replays POST /import/ with its method, path, headers and body intact', async () => {
    const details = recordedImport()
    const command = toCurl(inboundSpec(details, origin))
    expect(command).toContain("--data-raw 'isbn=0000000000000'")
    if (curlPath) await runCurl(command)
    else await replayWords(shellWords(command))
    const got = received.at(-1)!
    expect(got.method).toBe('POST')
    expect(got.url).toBe('/import/')
    expect(got.body).toBe('isbn=0000000000000')
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(got.headers['user-agent']).toBe('Python-urllib/3.11')
    expect(got.headers['accept-encoding']).toBe('identity')
    expect(got.headers['content-length']).toBe('18')
  })

  it('keeps hostile header and body text literal through the shell', async () => {
    const hostile = `x'; touch /tmp/kolo-pwned; echo '$(id) \`id\` "q" \\ !`
    const details = recordedImport()
    const spec = inboundSpec(details, origin)
    spec.headers.push(['X-Note', hostile])
    spec.body = `isbn=1&note=${hostile}\n# not a comment`
    const command = toCurl(spec)
    if (curlPath) await runCurl(command)
    else await replayWords(shellWords(command))
    const got = received.at(-1)!
    expect(got.headers['x-note']).toBe(hostile)
    expect(got.body).toBe(spec.body)
    expect(existsSync('/tmp/kolo-pwned')).toBe(false)
  })

  it('replays the same command from its parsed words (node:http)', async () => {
    const command = toCurl(inboundSpec(recordedImport(), origin))
    await replayWords(shellWords(command))
    const got = received.at(-1)!
    expect([got.method, got.url, got.body]).toEqual(['POST', '/import/', 'isbn=0000000000000'])
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })
})
