import {ipcMain} from 'electron'
import type {IpcMainInvokeEvent, WebContents, WebFrameMain} from 'electron'
import {apiEvents, apiMethods} from '../../shared/api/contract'
import type {EventSource, TraceApi} from '../../shared/api/contract'
import type {Envelope} from '../../shared/api/errors'
import {invokeApi} from '../node/service'
import {isAppUrl} from './app-protocol'
import {apiChannel, eventChannel} from './channels'

/** True when an IPC message comes from the top frame of our app:// page, and nothing else. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return frame != null && frame.parent == null && isAppUrl(frame.url)
}

/**
 * Register `api:<method>` for every API method; returns a function that removes them.
 *
 * Each handler refuses a foreign sender, then passes the untrusted request to the service,
 * which validates it, and returns the envelope (Electron would keep only an error's message).
 */
export function registerIpcHandlers(api: TraceApi): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(apiChannel(method), (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        const refused: Envelope<never> = {
          ok: false,
          error: {code: 'forbidden', message: `${method}: refused a call from outside the app`},
        }
        return refused
      }
      return invokeApi(api, method, request)
    })
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(apiChannel(method))
  }
}

/** Send every API event to a window as `event:<name>`, until it is destroyed. */
export function forwardEvents(events: EventSource, contents: WebContents): () => void {
  const offs = apiEvents.map(event =>
    events.on(event, payload => {
      if (!contents.isDestroyed()) contents.send(eventChannel(event), payload)
    }),
  )
  const stop = () => {
    for (const off of offs.splice(0)) off()
  }
  contents.on('destroyed', stop)
  return stop
}
