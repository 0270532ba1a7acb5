import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it, vi} from 'vitest'
import * as electron from './testing/fake-electron'
import type {MenuItem} from './testing/fake-electron'
import {allowedPermission, hardenContents, hardenSession} from './hardening'
import {devSqliteBinding, registerLinkProtocol} from './link-protocol'
import {menuTemplate} from './menu'
import {windowOptions} from './window-options'
import {restoredBounds, trackWindowState} from './window-state'

vi.mock('electron', () => import('./testing/fake-electron'))

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-glue-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

const flat = (items: MenuItem[]): MenuItem[] => items.flatMap(i => [i, ...flat(i.submenu ?? [])])

describe('menu', () => {
  const actions = {send: vi.fn(), open: vi.fn()}
  const linux = flat(
    menuTemplate({platform: 'linux', isDev: false, appName: 'Kolo Explorer'}, actions),
  )
  const mac = menuTemplate(
    {platform: 'darwin', isDev: true, appName: 'Kolo Explorer'},
    actions,
  ) as MenuItem[]

  it('has the usual shortcuts', () => {
    const byLabel = new Map(linux.filter(i => i.label).map(i => [i.label!, i]))
    expect(byLabel.get('Open Project Folder…')?.accelerator).toBe('CmdOrCtrl+O')
    expect(byLabel.get('Find…')?.accelerator).toBe('CmdOrCtrl+F')
    expect(byLabel.get('&Settings…')?.accelerator).toBe('CmdOrCtrl+,')
    const roles = linux.map(i => i.role)
    for (const role of [
      'reload',
      'forceReload',
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'copy',
      'paste',
      'quit',
    ]) {
      expect(roles).toContain(role)
    }
  })

  it('has developer tools in dev only', () => {
    expect(linux.some(i => i.role === 'toggleDevTools')).toBe(false)
    expect(flat(mac).some(i => i.role === 'toggleDevTools')).toBe(true)
  })

  it('puts About, Settings and Quit in the app menu on macOS', () => {
    expect(mac[0]!.label).toBe('Kolo Explorer')
    expect((mac[0]!.submenu as MenuItem[]).map(i => i.role ?? i.label)).toEqual(
      expect.arrayContaining(['about', 'Settings…', 'quit']),
    )
  })

  it('sends page commands and opens through the picker', () => {
    const byLabel = new Map(linux.filter(i => i.label).map(i => [i.label!, i]))
    byLabel.get('Open Trace File…')!.click!()
    byLabel.get('Follow Latest Trace')!.click!()
    byLabel.get('Copy Link to Selection')!.click!()
    expect(actions.open).toHaveBeenCalledWith('file')
    expect(actions.send.mock.calls).toEqual([['follow-latest'], ['copy-link']])
  })
})

describe('window', () => {
  const screen = [{x: 0, y: 0, width: 1920, height: 1080}]

  it('opens where it was when that is on a screen, else centred at the saved size', () => {
    expect(restoredBounds(undefined, screen)).toEqual({width: 1280, height: 820})
    const saved = {x: 100, y: 50, width: 1000, height: 700, maximized: false}
    expect(restoredBounds(saved, screen)).toEqual({x: 100, y: 50, width: 1000, height: 700})
    // The monitor it was on is gone.
    expect(restoredBounds({...saved, x: 2500}, screen)).toEqual({width: 1000, height: 700})
    expect(restoredBounds({...saved, y: -500}, screen)).toEqual({width: 1000, height: 700})
  })

  it('saves its normal bounds once a move settles, and on close', () => {
    vi.useFakeTimers()
    const window = new electron.BrowserWindow(
      windowOptions('/p.cjs', {x: 5, y: 6, width: 900, height: 600}),
    )
    const save = vi.fn()
    trackWindowState(window, save, 100)
    window.emit('move')
    window.emit('resize')
    vi.advanceTimersByTime(150)
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenCalledWith({x: 5, y: 6, width: 900, height: 600, maximized: false})
    window.emit('close')
    expect(save).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })

  it('routes a dropped file:// URL, and still refuses the navigation', () => {
    const contents = electron.fakeWebContents()
    const dropped = vi.fn()
    hardenContents(contents, undefined, dropped)
    const preventDefault = vi.fn()
    contents.emit('will-navigate', {preventDefault}, 'file:///home/u/shop/')
    contents.emit('will-navigate', {preventDefault}, 'https://evil.example/')
    expect(preventDefault).toHaveBeenCalledTimes(2)
    expect(dropped.mock.calls).toEqual([['file:///home/u/shop/']])
  })

  it('lets only our page write to the clipboard; every other permission is denied', () => {
    const target = electron.session.defaultSession
    hardenSession(target)
    const request = target.requestHandler as (
      c: unknown,
      p: string,
      cb: (b: boolean) => void,
      d: {requestingUrl?: string},
    ) => void
    const check = target.checkHandler as (c: unknown, p: string, origin: string) => boolean
    const answers: boolean[] = []
    request({}, allowedPermission, b => answers.push(b), {requestingUrl: 'app://kolo/index.html'})
    request({}, allowedPermission, b => answers.push(b), {requestingUrl: 'https://evil.example/'})
    request({}, 'clipboard-read', b => answers.push(b), {requestingUrl: 'app://kolo/index.html'})
    expect(answers).toEqual([true, false, false])
    expect(check({}, allowedPermission, 'app://kolo')).toBe(true)
    expect(check({}, 'notifications', 'app://kolo')).toBe(false)
  })
})

describe('link protocol', () => {
  it('registers the dev checkout with its script, once', () => {
    const app = {
      setAsDefaultProtocolClient: vi.fn(() => true),
      isDefaultProtocolClient: vi.fn(() => false),
    }
    const dev = {
      isPackaged: false,
      platform: 'linux' as const,
      execPath: '/e/electron',
      argv: ['/e/electron', 'dist/main/electron.cjs'],
    }
    expect(registerLinkProtocol(app, dev)).toBe('dev')
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('kolo-explorer', '/e/electron', [
      path.resolve('dist/main/electron.cjs'),
    ])
    expect(registerLinkProtocol(app, {...dev, isPackaged: true})).toBe('installer')
    expect(registerLinkProtocol(app, {...dev, isPackaged: true, platform: 'win32'})).toBe('windows')
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('kolo-explorer')
  })

  it('finds the Electron build of better-sqlite3 the launcher made', () => {
    const dir = path.join(
      tmp,
      '.cache',
      'electron-native',
      'better-sqlite3-12.1.0-electron-41.7.1-linux-x64',
      'build',
      'Release',
    )
    mkdirSync(dir, {recursive: true})
    writeFileSync(path.join(dir, 'better_sqlite3.node'), '')
    expect(devSqliteBinding(tmp, '41.7.1', 'linux', 'x64')).toBe(
      path.join(dir, 'better_sqlite3.node'),
    )
    expect(devSqliteBinding(tmp, '40.0.0', 'linux', 'x64')).toBeUndefined()
    expect(devSqliteBinding(tmp, undefined)).toBeUndefined()
  })
})
