import {EventEmitter} from 'node:events'
import {vi} from 'vitest'

// A stand-in for the `electron` module in unit tests (`vi.mock('electron', () => import(...))`):
// Electron is an optionalDependency and no binary exists where the tests run.

type Handler = (event: unknown, ...args: unknown[]) => unknown

/** ipcMain: handlers by channel, so a test can invoke them as the renderer would. */
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, handler)
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  },
}

/** ipcRenderer: invoke goes to ipcMain's handler, as from the given frame URL. */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  frameUrl: 'app://kolo/index.html',
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    const frame = {url: ipcRenderer.frameUrl, parent: null}
    // Structured clone, as IPC does: class instances and functions would not survive.
    return structuredClone(await handler({sender: fakeWebContents(), senderFrame: frame}, ...args))
  },
})

/** contextBridge: remembers what was exposed. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api)
  },
}

/** A web contents whose `send` reaches ipcRenderer's listeners, and whose handlers are inspectable. */
export function fakeWebContents() {
  const emitter = new EventEmitter()
  return Object.assign(emitter, {
    id: 1,
    destroyed: false,
    mainFrame: {url: 'app://kolo/index.html', parent: null},
    windowOpenHandler: undefined as ((details: {url: string}) => {action: string}) | undefined,
    send(channel: string, ...args: unknown[]) {
      ipcRenderer.emit(channel, {sender: undefined}, ...structuredClone(args))
    },
    isDestroyed() {
      return this.destroyed
    },
    setWindowOpenHandler(handler: (details: {url: string}) => {action: string}) {
      this.windowOpenHandler = handler
    },
  })
}

/** protocol: the registered schemes and handlers. */
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    protocol.handlers.set(scheme, handler)
  },
}

/** shell: records what would have been opened. */
export const shell = {openExternal: vi.fn(() => Promise.resolve())}

/** session.defaultSession: the permission handlers set on it. */
export const session = {
  defaultSession: {
    requestHandler: undefined as unknown,
    checkHandler: undefined as unknown,
    setPermissionRequestHandler(handler: unknown) {
      this.requestHandler = handler
    },
    setPermissionCheckHandler(handler: unknown) {
      this.checkHandler = handler
    },
  },
}

/** app: a scriptable lifecycle. `ready()` resolves whenReady. */
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  hasLock: true,
  quit: vi.fn(),
  readyCallbacks: [] as (() => void)[],
  requestSingleInstanceLock() {
    return app.hasLock
  },
  whenReady() {
    return new Promise<void>(resolve => app.readyCallbacks.push(resolve))
  },
  ready() {
    for (const resolve of app.readyCallbacks.splice(0)) resolve()
  },
  getAppPath: () => '/opt/kolo-explorer/resources/app.asar',
  getPath: (name: string) => `/home/user/.config/${name}`,
})

/** BrowserWindow: each instance is kept, with its options and loaded URL. */
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = []
  readonly webContents = fakeWebContents()
  loadedUrl: string | undefined
  constructor(readonly options: unknown) {
    super()
    BrowserWindow.instances.push(this)
  }
  loadURL(url: string) {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false
  }
  isDestroyed() {
    return false
  }
}
