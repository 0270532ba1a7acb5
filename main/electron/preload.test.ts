import {describe, expect, it, vi} from 'vitest'
import {apiMethods} from '../../shared/api/contract'
import type {KoloBridge} from '../../shared/api/bridge'
import * as electron from './testing/fake-electron'

vi.mock('electron', () => import('./testing/fake-electron'))

describe('preload', () => {
  it('exposes one frozen koloExplorer bridge: a function per method, plus on', async () => {
    await import('./preload')
    const bridge = electron.contextBridge.exposed.get('koloExplorer') as KoloBridge
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(Object.isFrozen(bridge.call)).toBe(true)
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on'])
    expect(Object.keys(bridge.call).sort()).toEqual([...apiMethods].sort())
    for (const method of apiMethods) expect(typeof bridge.call[method]).toBe('function')
  })

  it('invokes api:<method> with the request alone', async () => {
    const {createBridge} = await import('./preload')
    const invoke = vi.fn(() => Promise.resolve({ok: true, value: []}))
    const bridge = createBridge({invoke, on: vi.fn(), removeListener: vi.fn()})
    await expect(bridge.call.listProjects({})).resolves.toEqual({ok: true, value: []})
    expect(invoke).toHaveBeenCalledWith('api:listProjects', {})
  })

  it('passes listeners only the payload and returns an unsubscribe', async () => {
    const {createBridge} = await import('./preload')
    const bridge = createBridge(electron.ipcRenderer as never)
    const seen: unknown[] = []
    const off = bridge.on('projectChanged', payload => seen.push(payload))
    electron.ipcRenderer.emit('event:projectChanged', {sender: 'secret'}, {projectId: 'p1'})
    expect(seen).toEqual([{projectId: 'p1'}])
    off()
    electron.ipcRenderer.emit('event:projectChanged', {sender: 'secret'}, {projectId: 'p2'})
    expect(seen).toHaveLength(1)
    expect(electron.ipcRenderer.listenerCount('event:projectChanged')).toBe(0)
  })

  it('refuses unknown events', async () => {
    const {createBridge} = await import('./preload')
    const bridge = createBridge(electron.ipcRenderer as never)
    expect(() => bridge.on('evil' as never, () => undefined)).toThrow(/Unknown event/)
  })
})
