import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {createTraceService} from '../node/service/service'
import type {TraceService} from '../node/service/service'
import {describeContract} from '../node/testing/service-contract-suite'
import {fakeDeps} from '../node/testing/service-fakes'
import {appCsp} from './bundle-files'
import {startServer} from './serve'
import type {RunningServer} from './serve'
import {connectHttpClient, rawRequest, sessionCookie} from './test-http-client'

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-serve-'))
const bundle = path.join(tmp, 'renderer')
mkdirSync(path.join(bundle, 'assets'), {recursive: true})
writeFileSync(path.join(bundle, 'index.html'), '<!doctype html><title>Kolo Explorer</title>')
writeFileSync(path.join(bundle, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET-CONTENT')
symlinkSync(path.join(tmp, 'secret.txt'), path.join(bundle, 'assets', 'link.txt'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

describeContract('over HTTP on an ephemeral port', async service => {
  const server = await startServer({api: service, staticDir: bundle, port: 0})
  const client = await connectHttpClient(server)
  return {
    client,
    close: async () => {
      client.close()
      await server.close()
    },
  }
})

describe('serve security', () => {
  let service: TraceService
  let server: RunningServer
  let cookie: string
  let host: string
  const get = (p: string, headers: Record<string, string> = {}) =>
    rawRequest(server.port, {path: p, headers: {host, cookie, ...headers}})
  const post = (p: string, body: string, headers: Record<string, string> = {}) =>
    rawRequest(server.port, {
      method: 'POST',
      path: p,
      body,
      headers: {host, cookie, 'content-type': 'application/json', ...headers},
    })

  beforeAll(async () => {
    service = createTraceService({projectPaths: ['/stores/shop'], watch: false}, fakeDeps())
    server = await startServer({api: service, staticDir: bundle})
    cookie = await sessionCookie(server)
    host = `127.0.0.1:${server.port}`
    return async () => {
      await server.close()
      await service.dispose()
    }
  })

  it('prints a 127.0.0.1 URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/)
  })

  it('swaps the token for an HttpOnly, SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await rawRequest(server.port, {path: `/?token=${server.token}`, headers: {host}})
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
  })

  it('never redirects off this host after the token swap', async () => {
    const res = await rawRequest(server.port, {
      path: `//evil.example/?token=${server.token}`,
      headers: {host},
    })
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
  })

  it('refuses a missing or wrong token', async () => {
    expect((await get('/', {cookie: ''})).status).toBe(401)
    expect((await get('/', {cookie: 'other=1'})).status).toBe(401)
    expect((await get('/?token=wrong', {cookie: ''})).status).toBe(403)
    expect((await get('/', {cookie: cookie.replace(/=.*/, '=' + 'x'.repeat(43))})).status).toBe(401)
    expect((await post('/api/listProjects', '{}', {cookie: ''})).status).toBe(401)
    expect((await get('/api/events', {cookie: ''})).status).toBe(401)
  })

  it('refuses a wrong Host (DNS rebinding)', async () => {
    expect((await get('/', {host: `evil.example:${server.port}`})).status).toBe(421)
    expect((await get('/', {host: '127.0.0.1:1'})).status).toBe(421)
    expect((await get('/', {host: `localhost:${server.port}`})).status).toBe(200)
  })

  it('refuses a foreign Origin', async () => {
    const foreign = await post('/api/listProjects', '{}', {origin: 'http://evil.example'})
    expect(foreign.status).toBe(403)
    const ours = await post('/api/listProjects', '{}', {origin: `http://127.0.0.1:${server.port}`})
    expect(ours.status).toBe(200)
    expect(JSON.parse(ours.body)).toMatchObject({ok: true})
  })

  it('accepts only size-capped application/json POST bodies', async () => {
    const text = await post('/api/listProjects', '{}', {'content-type': 'text/plain'})
    expect(text.status).toBe(415)
    expect(JSON.parse(text.body)).toMatchObject({ok: false, error: {code: 'bad-request'}})
    const form = await post('/api/listProjects', 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(415)
    expect((await post('/api/listProjects', '{nope')).status).toBe(400)
    expect((await post('/api/listProjects', JSON.stringify({x: 'y'.repeat(70_000)}))).status).toBe(
      413,
    )
    expect((await get('/api/listProjects')).status).toBe(405)
    expect((await post('/api/nope', '{}')).status).toBe(404)
    expect((await post('/api/constructor', '{}')).status).toBe(404)
  })

  it('serves the bundle with the CSP and no CORS headers', async () => {
    const index = await get('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('Kolo Explorer')
    expect(index.headers['content-security-policy']).toBe(appCsp)
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect(index.headers['access-control-allow-origin']).toBeUndefined()
    const script = await get('/assets/app.js', {origin: `http://127.0.0.1:${server.port}`})
    expect(script.headers['content-type']).toContain('text/javascript')
    expect(script.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses paths out of the bundle', async () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt',
      '/assets/%00',
      '/missing.js',
    ]) {
      const res = await get(p)
      expect(res.status, p).toBe(404)
      expect(res.body).not.toContain('TOP-SECRET')
    }
  })

  it('streams events as server-sent events', async () => {
    const client = await connectHttpClient(server)
    const seen: string[] = []
    client.on('projectChanged', ({projectId}) => seen.push(projectId))
    const added = service.addProject('/stores/more')
    await vi.waitFor(() => expect(seen).toEqual([added.id]))
    client.close()
  })
})
