import {beforeEach, describe, expect, it, vi} from 'vitest'
import {createTraceService} from '../node/service'
import type * as ServiceModule from '../node/service'
import {fakeDeps} from '../node/service-fakes'
import {appLayout, projectPathsFromArgv, startDesktopApp} from './desktop-app'
import * as electron from './fake-electron'

vi.mock('electron', () => import('./fake-electron'))
vi.mock('../node/demo/demo-store', () => ({ensureDemoStore: () => '/tmp/demo/.kolo'}))
vi.mock('../node/service', async importOriginal => {
  const real = await importOriginal<typeof ServiceModule>()
  return {
    ...real,
    createTraceService: vi.fn((options: {projectPaths: string[]}) =>
      real.createTraceService({...options, watch: false}, fakeDeps()),
    ),
  }
})

const flush = () => new Promise(resolve => setTimeout(resolve, 0))

describe('desktop app', () => {
  beforeEach(() => {
    electron.app.removeAllListeners()
    electron.app.hasLock = true
    electron.app.quit.mockClear()
    electron.BrowserWindow.instances.length = 0
    electron.ipcMain.handlers.clear()
    vi.mocked(createTraceService).mockClear()
  })

  it('finds the built parts, with the worker outside the asar', () => {
    expect(appLayout('/opt/app/resources/app.asar', true)).toEqual({
      preload: '/opt/app/resources/app.asar/dist/main/preload.cjs',
      renderer: '/opt/app/resources/app.asar/dist/renderer',
      worker: '/opt/app/resources/app.asar.unpacked/dist/main/trace-worker.js',
    })
    expect(appLayout('/src/kx', false).worker).toBe('/src/kx/dist/main/trace-worker.js')
  })

  it('takes project paths from argv, not switches or URLs', () => {
    const argv = [
      '/usr/bin/electron',
      'dist/main/electron.cjs',
      'shop',
      '--inspect',
      'kolo-explorer://open?x=1',
    ]
    expect(projectPathsFromArgv(argv, false, '/home/u')).toEqual(['/home/u/shop'])
    expect(projectPathsFromArgv(['/opt/kx', '/a/b.kolo'], true, '/')).toEqual(['/a/b.kolo'])
  })

  it('quits when another instance holds the lock', () => {
    electron.app.hasLock = false
    startDesktopApp()
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.app.listenerCount('second-instance')).toBe(0)
  })

  it('opens one hardened window on app://, with IPC and the demo when no path is given', async () => {
    startDesktopApp()
    expect(electron.BrowserWindow.instances).toHaveLength(0)
    electron.app.ready()
    await flush()
    expect(electron.BrowserWindow.instances).toHaveLength(1)
    const window = electron.BrowserWindow.instances[0]!
    expect(window.loadedUrl).toBe('app://kolo/index.html')
    expect(window.options).toMatchObject({webPreferences: {sandbox: true, contextIsolation: true}})
    expect(vi.mocked(createTraceService).mock.calls[0]?.[0]).toMatchObject({
      projectPaths: ['/tmp/demo/.kolo'],
      workerPath: '/opt/kolo-explorer/resources/app.asar/dist/main/trace-worker.js',
    })
    expect(electron.ipcMain.handlers.has('api:listProjects')).toBe(true)
    expect(electron.protocol.handlers.has('app')).toBe(true)
  })

  it('adds the paths of a second launch as projects and forwards the change', async () => {
    startDesktopApp()
    electron.app.ready()
    await flush()
    const window = electron.BrowserWindow.instances[0]!
    const send = vi.spyOn(window.webContents, 'send')
    electron.app.emit('second-instance', {}, ['/usr/bin/electron', 'main.cjs', 'other'], '/work')
    expect(send).toHaveBeenCalledWith('event:projectChanged', expect.objectContaining({}))
    electron.app.emit('will-quit')
    expect(electron.ipcMain.handlers.size).toBe(0)
  })
})
