import {contextBridge, ipcRenderer} from 'electron'
import type {IpcRenderer, IpcRendererEvent} from 'electron'
import {bridgeGlobalName} from '../../shared/api/bridge'
import type {KoloBridge} from '../../shared/api/bridge'
import {apiEvents, apiMethods} from '../../shared/api/contract'
import type {ApiEvent} from '../../shared/api/contract'
import {apiChannel, eventChannel} from './channels'

const events: ReadonlySet<string> = new Set(apiEvents)

/**
 * The frozen bridge the page gets: a function per API method and `on` for events.
 *
 * Only the fixed channels are reachable (no generic invoke), `on` refuses unknown events and
 * hands the listener the payload alone, never the IPC event (which would leak `sender`).
 */
export function createBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): KoloBridge {
  const call = Object.fromEntries(
    apiMethods.map(method => [method, (req: unknown) => ipc.invoke(apiChannel(method), req)]),
  ) as KoloBridge['call']
  const on = <E extends ApiEvent>(event: E, listener: (payload: never) => void): (() => void) => {
    if (!events.has(event)) throw new Error(`Unknown event "${String(event)}"`)
    if (typeof listener !== 'function') throw new Error('on() needs a listener function')
    const channel = eventChannel(event)
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never)
    ipc.on(channel, forward)
    return () => void ipc.removeListener(channel, forward)
  }
  return Object.freeze({call: Object.freeze(call), on})
}

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer))
