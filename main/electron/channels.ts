import type {ApiEvent, ApiMethod} from '../../shared/api/contract'

/** The IPC channel of an API method: `api:<method>` (ipcMain.handle / ipcRenderer.invoke). */
export function apiChannel(method: ApiMethod): string {
  return `api:${method}`
}

/** The IPC channel of an API event: `event:<name>` (webContents.send / ipcRenderer.on). */
export function eventChannel(event: ApiEvent): string {
  return `event:${event}`
}
