import {ipcMain} from 'electron'
import type {IpcMainInvokeEvent, WebContents, WebFrameMain} from 'electron'
import {apiEvents, apiMethods} from '../../shared/api/contract'
import type {EventSource, TraceApi} from '../../shared/api/contract'
import type {Envelope} from '../../shared/api/errors'
import {invokeApi} from '../node/service/service'
import {isAppUrl} from './app-protocol'
import {apiChannel, eventChannel} from './channels'

/** True when an IPC message comes from the top frame of our app:// page, and nothing else. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return frame != null && frame.parent == null && isAppUrl(frame.url)
}

/** Checks the main process makes before passing some requests on. */
export interface IpcGuards {
  /**
   * Ask the user, outside the page, whether a new custom editor command may be saved: the
   * command runs on every "open in editor", so a compromised page must not set one silently.
   */
  confirmCustomEditor?: (template: string) => Promise<boolean>
}

const refusal = (method: string, message: string): Envelope<never> => ({
  ok: false,
  error: {code: 'forbidden', message: `${method}: ${message}`},
})

/**
 * An envelope Electron's IPC can carry: a model the trace worker keeps in shared memory is
 * copied into an ArrayBuffer (shared memory does not cross to another process).
 */
export function forIpc(envelope: Envelope<unknown>): Envelope<unknown> {
  if (!envelope.ok || !(envelope.value instanceof SharedArrayBuffer)) return envelope
  return {ok: true, value: new Uint8Array(envelope.value).slice().buffer}
}

/** The custom template a setEditor request would save, when it differs from the saved one. */
async function newCustomTemplate(api: TraceApi, request: unknown): Promise<string | undefined> {
  const req = request as {preset?: unknown; template?: unknown} | null
  if (req?.preset !== 'custom' || typeof req.template !== 'string') return undefined
  const current = await api.getEditorSettings({})
  return current.preset === 'custom' && current.template === req.template ? undefined : req.template
}

/**
 * Register `api:<method>` for every API method; returns a function that removes them.
 *
 * Each handler refuses a foreign sender, then passes the untrusted request to the service,
 * which validates it, and returns the envelope (Electron would keep only an error's message).
 * A new custom editor command is saved only once the user confirms it (guards).
 */
export function registerIpcHandlers(api: TraceApi, guards: IpcGuards = {}): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(apiChannel(method), async (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return refusal(method, 'refused a call from outside the app')
      }
      if (method === 'setEditor' && guards.confirmCustomEditor) {
        const template = await newCustomTemplate(api, request)
        if (template !== undefined && !(await guards.confirmCustomEditor(template))) {
          return refusal(method, 'the custom editor command was not confirmed')
        }
      }
      return forIpc(await invokeApi(api, method, request))
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
