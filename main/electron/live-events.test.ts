import {describe, expect, it, vi} from 'vitest'
import {apiMethods} from '../../shared/api/contract'
import type {TraceApi} from '../../shared/api/contract'
import {unwrap} from '../../shared/api/errors'
import {runLiveScenario} from '../node/testing/live-scenario'
import * as electron from './testing/fake-electron'
import {forwardEvents, registerIpcHandlers} from './ipc'
import {createBridge} from './preload'

vi.mock('electron', () => import('./testing/fake-electron'))

describe('live traces as the page receives them over IPC', () => {
  it('reports each trace a Kolo 3.x process writes once, through webContents.send and the bridge', async () => {
    const outcome = await runLiveScenario('3', service => {
      const stopIpc = registerIpcHandlers(service)
      const stopEvents = forwardEvents(service, electron.fakeWebContents())
      const bridge = createBridge(electron.ipcRenderer as never)
      const calls = Object.fromEntries(
        apiMethods.map(m => [m, async (req: unknown) => unwrap(await bridge.call[m](req))]),
      ) as unknown as TraceApi
      return Promise.resolve({
        ...calls,
        on: (event, listener) => bridge.on(event, listener),
        close: () => {
          stopIpc()
          stopEvents()
          electron.ipcRenderer.removeAllListeners()
        },
      })
    })
    const wrote = outcome.written.filter(e => e.event === 'added').map(e => e.id)
    const deleted = outcome.written.filter(e => e.event === 'removed').map(e => e.id)
    expect(outcome.added.map(a => a.id).sort()).toEqual(wrote.sort())
    expect(outcome.removed.sort()).toEqual(deleted.sort())
    expect(outcome.errors).toEqual([])
    expect(outcome.latencyMs[2]).toBeLessThan(1500)
  })
})
