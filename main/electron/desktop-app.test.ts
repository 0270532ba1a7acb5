import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {formatLink} from '../node/projects/route-input'
import {createTraceService} from '../node/service/service'
import type * as ServiceModule from '../node/service/service'
import {fakeDeps} from '../node/testing/service-fakes'
import {appLayout, entryUrl, startDesktopApp, startupProjects} from './desktop-app'
import * as electron from './testing/fake-electron'
import type {MenuItem} from './testing/fake-electron'

vi.mock('electron', () => import('./testing/fake-electron'))
vi.mock('../node/demo/demo-store', () => ({ensureDemoStore: () => '/tmp/demo/.kolo'}))
vi.mock('../node/service/service', async importOriginal => {
  const real = await importOriginal<typeof ServiceModule>()
  return {
    ...real,
    createTraceService: vi.fn((options: ServiceModule.TraceServiceOptions) =>
      real.createTraceService({...options, watch: false}, fakeDeps()),
    ),
  }
})

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-desktop-'))
const shop = path.join(tmp, 'shop')
const blog = path.join(tmp, 'blog')
mkdirSync(shop)
mkdirSync(blog)
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

const flush = () => new Promise(resolve => setTimeout(resolve, 0))
const argv0 = ['/usr/bin/electron', 'dist/main/electron.cjs']
let userData = ''
let argv: string[] = []

/** Start the app with these inputs on the command line; resolves once the window is shown. */
async function start(inputs: string[] = []) {
  process.argv = [...argv0, ...inputs]
  startDesktopApp()
  electron.app.ready()
  await flush()
  const window = electron.BrowserWindow.instances[0]!
  window.emit('ready-to-show')
  const sent: [string, unknown][] = []
  vi.spyOn(window.webContents, 'send').mockImplementation((channel: string, payload: unknown) => {
    sent.push([channel, payload])
  })
  return {window, sent}
}

const serviceOptions = () => vi.mocked(createTraceService).mock.calls.at(-1)![0]

describe('desktop app', () => {
  beforeEach(() => {
    argv = process.argv
    userData = mkdtempSync(path.join(tmp, 'user-data-'))
    electron.app.paths.userData = userData
    electron.app.removeAllListeners()
    electron.app.hasLock = true
    electron.app.isPackaged = false
    electron.app.quit.mockClear()
    electron.app.protocolClients.clear()
    electron.BrowserWindow.instances.length = 0
    electron.ipcMain.handlers.clear()
    electron.Menu.current = undefined
    electron.nativeTheme.themeSource = 'system'
    vi.mocked(createTraceService).mockClear()
  })
  afterEach(() => {
    electron.app.emit('will-quit')
    process.argv = argv
  })

  it('finds the built parts, with the worker outside the asar', () => {
    expect(appLayout('/opt/app/resources/app.asar', true)).toEqual({
      preload: '/opt/app/resources/app.asar/dist/main/preload.cjs',
      renderer: '/opt/app/resources/app.asar/dist/renderer',
      worker: '/opt/app/resources/app.asar.unpacked/dist/main/trace-worker.js',
      indexWorker: '/opt/app/resources/app.asar.unpacked/dist/main/project-index-worker.js',
    })
    expect(appLayout('/src/kx', false).worker).toBe('/src/kx/dist/main/trace-worker.js')
  })

  it('quits when another instance holds the lock', () => {
    electron.app.hasLock = false
    startDesktopApp()
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.app.listenerCount('second-instance')).toBe(0)
  })

  it('opens one hardened window on app://, with IPC and the demo when nothing is given', async () => {
    const {window} = await start()
    expect(electron.BrowserWindow.instances).toHaveLength(1)
    expect(window.loadedUrl).toBe('app://kolo/index.html')
    expect(window.options).toMatchObject({
      width: 1280,
      height: 820,
      webPreferences: {sandbox: true, contextIsolation: true, nodeIntegration: false},
    })
    expect(serviceOptions()).toMatchObject({
      projectPaths: ['/tmp/demo/.kolo'],
      workerPath: '/opt/kolo-explorer/resources/app.asar/dist/main/trace-worker.js',
      index: true,
      indexWorkerPath: '/opt/kolo-explorer/resources/app.asar/dist/main/project-index-worker.js',
      settingsDir: userData,
      host: 'desktop',
    })
    expect(electron.ipcMain.handlers.has('api:listProjects')).toBe(true)
    expect(electron.protocol.handlers.has('app')).toBe(true)
  })

  it('opens the command line and remembered projects; the first input is the page link', async () => {
    const link = formatLink(blog, 'trc_1', 'frm_A')
    await start([shop, link, '/nope', '--inspect'])
    const {window} = {window: electron.BrowserWindow.instances[0]!}
    expect(serviceOptions().projectPaths).toEqual([shop, blog])
    expect(window.loadedUrl).toBe(entryUrl({kind: 'project', path: shop}))
    expect(window.loadedUrl).toBe(
      `app://kolo/index.html?link=${encodeURIComponent(formatLink(shop))}`,
    )
    const saved = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as {
      projects: string[]
    }
    expect(saved.projects).toEqual([shop])
    expect(startupProjects([{kind: 'rejected', reason: 'x'}], [blog, blog])).toEqual([blog])
  })

  it('routes a second launch, open-url, open-file and drops through the router', async () => {
    const {window, sent} = await start()
    const link = formatLink(shop, 'trc_2', 'frm_B')
    electron.app.emit('second-instance', {}, [...argv0, 'blog', '--flag'], tmp)
    electron.app.emit('open-url', {preventDefault: vi.fn()}, link)
    electron.app.emit('open-file', {preventDefault: vi.fn()}, blog)
    window.webContents.emit('will-navigate', {preventDefault: vi.fn()}, pathToFileURL(shop).href)
    const opened = sent.filter(([channel]) => channel === 'event:linkOpened').map(([, p]) => p)
    expect(opened).toEqual([
      {projectId: expect.any(String) as unknown},
      {projectId: expect.any(String) as unknown, traceId: 'trc_2', frameId: 'frm_B'},
      {projectId: expect.any(String) as unknown},
      {projectId: expect.any(String) as unknown},
    ])
    expect(sent.some(([channel]) => channel === 'event:openRefused')).toBe(false)
  })

  it('refuses what the router refuses, tells the page why, and opens nothing', async () => {
    const {sent} = await start()
    const before = serviceOptions().projectPaths.length
    const huge = Array.from({length: 40}, () => shop)
    electron.app.emit('second-instance', {}, [...argv0, ...huge], tmp)
    electron.app.emit('open-url', {preventDefault: vi.fn()}, 'kolo-explorer://open?project=../etc')
    electron.app.emit('open-url', {preventDefault: vi.fn()}, 'https://evil.example/')
    const refused = sent.filter(([channel]) => channel === 'event:openRefused')
    expect(refused.map(([, p]) => (p as {reason: string}).reason)).toEqual([
      expect.stringMatching(/Too many arguments/) as unknown,
      expect.stringMatching(/not an absolute path/) as unknown,
      expect.stringMatching(/unsupported scheme/) as unknown,
    ])
    expect(sent.some(([channel]) => channel === 'event:linkOpened')).toBe(false)
    expect(before).toBe(1)
  })

  it('registers kolo-explorer:// for the dev checkout, and leaves packaged apps to installers', async () => {
    await start()
    expect(electron.app.protocolClients.get('kolo-explorer')).toEqual([
      process.execPath,
      [path.resolve('dist/main/electron.cjs')],
    ])
    electron.app.emit('will-quit')
    electron.app.protocolClients.clear()
    electron.app.isPackaged = true
    electron.BrowserWindow.instances.length = 0
    electron.app.removeAllListeners()
    await start()
    expect(electron.app.protocolClients.size).toBe(process.platform === 'win32' ? 1 : 0)
  })

  it('wires the menu: open through the picker and the router, page commands as events', async () => {
    const {sent} = await start()
    const items = electron.Menu.current!.template.flatMap(m => m.submenu ?? [])
    const item = (label: string) => items.find(i => i.label === label) as MenuItem
    expect(item('Find…').accelerator).toBe('CmdOrCtrl+F')
    item('Find…').click!()
    expect(sent).toContainEqual(['event:menuCommandInvoked', {command: 'find'}])
    expect(items.some(i => i.role === 'toggleDevTools')).toBe(true)
    electron.dialog.nextPick = blog
    item('Open Project Folder…').click!()
    await flush()
    await flush()
    expect(electron.dialog.showOpenDialog).toHaveBeenCalled()
    expect(sent.filter(([c]) => c === 'event:linkOpened')).toHaveLength(1)
    electron.dialog.nextPick = undefined
  })

  it('restores the window where it was and follows the theme setting', async () => {
    const {writeFileSync} = await import('node:fs')
    writeFileSync(
      path.join(userData, 'settings.json'),
      JSON.stringify({
        theme: 'light',
        window: {x: 40, y: 30, width: 1000, height: 700, maximized: true},
      }),
    )
    const {window} = await start()
    expect(window.options).toMatchObject({x: 40, y: 30, width: 1000, height: 700})
    expect(window.isMaximized()).toBe(true)
    expect(electron.nativeTheme.themeSource).toBe('light')
    await electron.ipcRenderer.invoke('api:updateSettings', {theme: 'dark'})
    expect(electron.nativeTheme.themeSource).toBe('dark')
    window.emit('close')
    const saved = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as object
    expect(saved).toMatchObject({theme: 'dark', window: {x: 40, y: 30, maximized: true}})
  })

  it('asks in a native dialog before saving a custom editor command from the page', async () => {
    const {window} = await start()
    const custom = {preset: 'custom', template: 'evil {file}'}
    electron.dialog.showMessageBox.mockClear()
    electron.dialog.nextButton = 0
    const refused = await electron.ipcRenderer.invoke('api:setEditor', custom)
    expect(refused).toMatchObject({ok: false, error: {code: 'forbidden'}})
    const [shownOn, box] = electron.dialog.showMessageBox.mock.calls[0]! as [
      unknown,
      {
        type: string
        detail: string
      },
    ]
    expect(shownOn).toBe(window)
    expect(box.type).toBe('warning')
    expect(box.detail).toContain('evil {file}')
    electron.dialog.nextButton = 1
    expect(await electron.ipcRenderer.invoke('api:setEditor', custom)).toMatchObject({ok: true})
    electron.dialog.nextButton = 0
  })
})
