import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it, vi} from 'vitest'
import {appCsp} from '../server/bundle-files'
import {
  appEntryUrl,
  appProtocolResponse,
  handleAppProtocol,
  isAppUrl,
  registerAppScheme,
} from './app-protocol'
import * as electron from './testing/fake-electron'
import {externalUrl, hardenContents, hardenSession} from './hardening'
import {windowOptions} from './window-options'

vi.mock('electron', () => import('./testing/fake-electron'))

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-app-'))
const bundle = path.join(tmp, 'renderer')
mkdirSync(path.join(bundle, 'assets'), {recursive: true})
writeFileSync(path.join(bundle, 'index.html'), '<!doctype html><title>Kolo Explorer</title>')
writeFileSync(path.join(bundle, 'assets', 'app.js'), 'export {}')
writeFileSync(path.join(tmp, 'secret.txt'), 'secret')
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

describe('window options', () => {
  it('isolates and sandboxes the page, without Node, and leaves webSecurity alone', () => {
    const options = windowOptions('/app/dist/main/preload.cjs')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    })
    expect(options.webPreferences).not.toHaveProperty('webSecurity')
    expect(options.show).toBe(false)
  })
})

describe('app:// protocol', () => {
  const get = (url: string, method = 'GET') =>
    appProtocolResponse(bundle, new Request(url, {method}))

  it('registers app as a standard, secure scheme and serves the bundle through it', async () => {
    registerAppScheme()
    expect(electron.protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({standard: true, secure: true}) as unknown,
      },
    ])
    handleAppProtocol(bundle)
    const handler = electron.protocol.handlers.get('app')!
    const res = await handler(new Request(appEntryUrl))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Kolo Explorer')
  })

  it('sends the CSP and the right content type', async () => {
    const index = await get('app://kolo/')
    expect(index.headers.get('content-security-policy')).toBe(appCsp)
    expect(index.headers.get('content-type')).toContain('text/html')
    const script = await get('app://kolo/assets/app.js')
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect(script.headers.get('content-security-policy')).toBe(appCsp)
  })

  it('refuses other hosts, other methods and paths out of the bundle', async () => {
    expect((await get('app://other/index.html')).status).toBe(404)
    expect((await get('app://kolo/index.html', 'POST')).status).toBe(405)
    for (const p of [
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/nope.js',
    ]) {
      const res = await get(`app://kolo${p}`)
      expect(res.status, p).toBe(404)
    }
  })

  it('recognises only app://kolo URLs as ours', () => {
    expect(isAppUrl('app://kolo/index.html')).toBe(true)
    expect(isAppUrl('app://kolo.evil/index.html')).toBe(false)
    expect(isAppUrl('http://kolo/')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    expect(isAppUrl(undefined)).toBe(false)
  })
})

describe('hardening', () => {
  it('denies navigation, redirects, webviews and new windows; https goes to the browser', () => {
    const contents = electron.fakeWebContents()
    const openExternal = vi.fn(() => Promise.resolve())
    hardenContents(contents, openExternal)
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      contents.emit(event, {preventDefault}, 'https://evil.example/')
      expect(preventDefault, event).toHaveBeenCalled()
    }
    const open = contents.windowOpenHandler!
    expect(open({url: 'https://docs.kolo.app/'})).toEqual({action: 'deny'})
    expect(openExternal).toHaveBeenCalledWith('https://docs.kolo.app/')
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://x/y',
    ]) {
      expect(open({url})).toEqual({action: 'deny'})
    }
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('passes only well-formed https URLs', () => {
    expect(externalUrl('https://kolo.app/a b')).toBe('https://kolo.app/a%20b')
    expect(externalUrl('HTTPS://KOLO.APP')).toBe('https://kolo.app/')
    expect(externalUrl('http://kolo.app')).toBeUndefined()
    expect(externalUrl('https:')).toBeUndefined()
    expect(externalUrl('')).toBeUndefined()
  })

  it('denies every permission', () => {
    const target = electron.session.defaultSession
    hardenSession(target)
    const callback = vi.fn()
    ;(target.requestHandler as (c: unknown, p: string, cb: (b: boolean) => void) => void)(
      {},
      'media',
      callback,
    )
    expect(callback).toHaveBeenCalledWith(false)
    expect((target.checkHandler as (c: unknown, p: string) => boolean)({}, 'clipboard-read')).toBe(
      false,
    )
  })
})
