import {afterEach, describe, expect, it, vi} from 'vitest'
import {apiMethods} from '../../shared/api/contract'
import type {TraceApi} from '../../shared/api/contract'
import {unwrap} from '../../shared/api/errors'
import {createTraceService} from '../node/service/service'
import {describeContract} from '../node/testing/service-contract-suite'
import {fakeDeps} from '../node/testing/service-fakes'
import * as electron from './testing/fake-electron'
import {forIpc, forwardEvents, isTrustedSender, registerIpcHandlers} from './ipc'
import {createBridge} from './preload'

vi.mock('electron', () => import('./testing/fake-electron'))

describeContract('through the IPC handlers and the preload bridge', service => {
  const stopIpc = registerIpcHandlers(service)
  const contents = electron.fakeWebContents()
  const stopEvents = forwardEvents(service, contents)
  const bridge = createBridge(electron.ipcRenderer as never)
  const client = Object.fromEntries(
    apiMethods.map(m => [m, async (req: unknown) => unwrap(await bridge.call[m](req))]),
  ) as unknown as TraceApi
  return Promise.resolve({
    client: {...client, on: (event, listener) => bridge.on(event, listener)},
    close: () => {
      stopIpc()
      stopEvents()
      electron.ipcRenderer.removeAllListeners()
      return Promise.resolve()
    },
  })
})

describe('IPC glue', () => {
  afterEach(() => {
    electron.ipcRenderer.frameUrl = 'app://kolo/index.html'
    electron.ipcMain.handlers.clear()
  })

  it('registers api:<method> for every method, and removes them', () => {
    const service = createTraceService({projectPaths: [], watch: false}, fakeDeps())
    const stop = registerIpcHandlers(service)
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      apiMethods.map(m => `api:${m}`).sort(),
    )
    stop()
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('copies a model kept in shared memory into an ArrayBuffer, which IPC can carry', () => {
    const shared = new SharedArrayBuffer(16)
    new Uint8Array(shared).set([1, 2, 3, 250], 4)
    const sent = forIpc({ok: true, value: shared})
    expect(sent.ok && sent.value).toBeInstanceOf(ArrayBuffer)
    expect(new Uint8Array((sent as {value: ArrayBuffer}).value)).toEqual(new Uint8Array(shared))
    // It survives a structured clone, as Electron's IPC makes one.
    expect(new Uint8Array(structuredClone(sent as {value: ArrayBuffer}).value)[7]).toBe(250)
    const plain = {ok: true as const, value: {rows: 3}}
    expect(forIpc(plain)).toBe(plain)
  })

  it('trusts only the top frame of the app:// page', () => {
    expect(isTrustedSender({url: 'app://kolo/index.html', parent: null})).toBe(true)
    expect(isTrustedSender({url: 'app://kolo/', parent: null})).toBe(true)
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender({url: 'https://evil.example/', parent: null})).toBe(false)
    expect(isTrustedSender({url: 'app://other/index.html', parent: null})).toBe(false)
    expect(isTrustedSender({url: 'file:///etc/passwd', parent: null})).toBe(false)
    const top = {url: 'app://kolo/index.html', parent: null}
    expect(isTrustedSender({url: 'app://kolo/frame.html', parent: top})).toBe(false)
  })

  it('saves a new custom editor command only once the user confirms it', async () => {
    const service = createTraceService({projectPaths: ['/s'], watch: false}, fakeDeps())
    const spy = vi.spyOn(service, 'setEditor')
    const confirm = vi.fn((_template: string) => Promise.resolve(false))
    registerIpcHandlers(service, {confirmCustomEditor: confirm})
    const custom = {preset: 'custom', template: 'myedit --line {line} {file}'}
    const refused = await electron.ipcRenderer.invoke('api:setEditor', custom)
    expect(refused).toMatchObject({ok: false, error: {code: 'forbidden'}})
    expect(confirm).toHaveBeenCalledWith('myedit --line {line} {file}')
    expect(spy).not.toHaveBeenCalled()
    confirm.mockResolvedValue(true)
    expect(await electron.ipcRenderer.invoke('api:setEditor', custom)).toMatchObject({
      ok: true,
      value: {preset: 'custom', template: 'myedit --line {line} {file}'},
    })
    // The same command again, or a preset, needs no confirmation.
    confirm.mockClear()
    expect(await electron.ipcRenderer.invoke('api:setEditor', custom)).toMatchObject({ok: true})
    expect(await electron.ipcRenderer.invoke('api:setEditor', {preset: 'vscode'})).toMatchObject({
      ok: true,
    })
    expect(confirm).not.toHaveBeenCalled()
  })

  it('refuses a call from a foreign sender without reaching the service', async () => {
    const service = createTraceService({projectPaths: ['/s'], watch: false}, fakeDeps())
    const spy = vi.spyOn(service, 'listProjects')
    registerIpcHandlers(service)
    electron.ipcRenderer.frameUrl = 'https://evil.example/'
    const reply = await electron.ipcRenderer.invoke('api:listProjects', {})
    expect(reply).toMatchObject({ok: false, error: {code: 'forbidden'}})
    expect(spy).not.toHaveBeenCalled()
    electron.ipcRenderer.frameUrl = 'app://kolo/index.html'
    expect(await electron.ipcRenderer.invoke('api:listProjects', {})).toMatchObject({ok: true})
  })

  it('stops forwarding events when the window is destroyed', () => {
    const service = createTraceService({projectPaths: [], watch: false}, fakeDeps())
    const contents = electron.fakeWebContents()
    const send = vi.spyOn(contents, 'send')
    forwardEvents(service, contents)
    service.addProject('/a')
    expect(send).toHaveBeenCalledWith('event:projectChanged', expect.objectContaining({}))
    contents.emit('destroyed')
    service.addProject('/b')
    expect(send).toHaveBeenCalledTimes(1)
  })
})
