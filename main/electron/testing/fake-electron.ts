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

const appPaths: Record<string, string> = {}

/** app: a scriptable lifecycle. `ready()` resolves whenReady. */
export const app = Object.assign(new EventEmitter(), {
  name: 'Kolo Explorer',
  isPackaged: false,
  hasLock: true,
  quit: vi.fn(),
  /** Protocol registrations: scheme -> [path, args]. */
  protocolClients: new Map<string, [string | undefined, string[] | undefined]>(),
  setAsDefaultProtocolClient: vi.fn((scheme: string, path?: string, args?: string[]) => {
    app.protocolClients.set(scheme, [path, args])
    return true
  }),
  isDefaultProtocolClient(scheme: string, path?: string, args?: string[]) {
    const known = app.protocolClients.get(scheme)
    return known !== undefined && known[0] === path && String(known[1]) === String(args)
  },
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
  getPath: (name: string): string => appPaths[name] ?? `/home/user/.config/${name}`,
  /** Paths getPath answers instead of its default (tests set userData to a temp folder). */
  paths: appPaths,
})

/** Menu: the template of the last application menu. */
export class Menu {
  static current: {template: MenuItem[]} | undefined
  constructor(readonly template: MenuItem[]) {}
  static buildFromTemplate(template: MenuItem[]) {
    return new Menu(template)
  }
  static setApplicationMenu(menu: Menu | null) {
    Menu.current = menu ?? undefined
  }
}

/** One menu item as a template gives it. */
export interface MenuItem {
  label?: string
  role?: string
  type?: string
  accelerator?: string
  click?: () => void
  submenu?: MenuItem[]
}

/** dialog: answers showOpenDialog with `nextPick` (undefined: cancelled), showMessageBox with `nextButton`. */
export const dialog = {
  nextPick: undefined as string | undefined,
  nextButton: 0,
  showMessageBox: vi.fn((_window: unknown, _options: unknown) =>
    Promise.resolve({response: dialog.nextButton}),
  ),
  showOpenDialog: vi.fn((_window: unknown, _options: unknown) =>
    Promise.resolve(
      dialog.nextPick === undefined
        ? {canceled: true, filePaths: []}
        : {canceled: false, filePaths: [dialog.nextPick]},
    ),
  ),
}

/** nativeTheme: where the app's theme setting goes. */
export const nativeTheme = {themeSource: 'system', shouldUseDarkColors: true}

/** screen: one 1920×1080 display. */
export const screen = {
  displays: [{workArea: {x: 0, y: 0, width: 1920, height: 1080}}],
  getAllDisplays: () => screen.displays,
}

/** BrowserWindow: each instance is kept, with its options and loaded URL. */
export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = []
  readonly webContents = fakeWebContents()
  loadedUrl: string | undefined
  constructor(readonly options: unknown) {
    super()
    BrowserWindow.instances.push(this)
    // As Electron does for every new web contents.
    app.emit('web-contents-created', {preventDefault() {}}, this.webContents)
  }
  loadURL(url: string) {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show() {}
  focus() {}
  restore() {}
  maximized = false
  isMinimized() {
    return false
  }
  isDestroyed() {
    return false
  }
  isMaximized() {
    return this.maximized
  }
  maximize() {
    this.maximized = true
  }
  getNormalBounds() {
    const o = this.options as {x?: number; y?: number; width: number; height: number}
    return {x: o.x ?? 0, y: o.y ?? 0, width: o.width, height: o.height}
  }
}
