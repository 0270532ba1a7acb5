// The slice of Electron's API that main/electron uses, typed here because `electron` is an
// optionalDependency and is not installed everywhere the typecheck runs. Signatures follow
// Electron's own electron.d.ts; where the real package is installed its declarations merge with
// these (skipLibCheck), so keep each one a faithful subset.
declare module 'electron' {
  interface PreventableEvent {
    preventDefault(): void
  }

  interface WebFrameMain {
    readonly url: string
    readonly parent: WebFrameMain | null
  }

  interface HandlerDetails {
    url: string
  }

  interface WebContents {
    readonly id: number
    readonly mainFrame: WebFrameMain
    send(channel: string, ...args: unknown[]): void
    isDestroyed(): boolean
    setWindowOpenHandler(handler: (details: HandlerDetails) => {action: 'deny' | 'allow'}): void
    on(
      event: 'will-navigate' | 'will-redirect',
      listener: (event: PreventableEvent, url: string) => void,
    ): this
    on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): this
    on(event: 'destroyed', listener: () => void): this
  }

  interface WebPreferences {
    preload?: string
    contextIsolation?: boolean
    sandbox?: boolean
    nodeIntegration?: boolean
    nodeIntegrationInWorker?: boolean
    nodeIntegrationInSubFrames?: boolean
    webSecurity?: boolean
    webviewTag?: boolean
    spellcheck?: boolean
    navigateOnDragDrop?: boolean
    safeDialogs?: boolean
  }

  interface Rectangle {
    x: number
    y: number
    width: number
    height: number
  }

  interface BrowserWindowConstructorOptions {
    x?: number
    y?: number
    width?: number
    height?: number
    minWidth?: number
    minHeight?: number
    show?: boolean
    title?: string
    backgroundColor?: string
    icon?: string
    webPreferences?: WebPreferences
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions)
    readonly webContents: WebContents
    loadURL(url: string): Promise<void>
    show(): void
    focus(): void
    restore(): void
    isMinimized(): boolean
    isDestroyed(): boolean
    isMaximized(): boolean
    maximize(): void
    getNormalBounds(): Rectangle
    once(event: 'ready-to-show', listener: () => void): this
    on(
      event: 'closed' | 'close' | 'resize' | 'move' | 'maximize' | 'unmaximize',
      listener: () => void,
    ): this
  }

  interface App {
    readonly isPackaged: boolean
    requestSingleInstanceLock(): boolean
    quit(): void
    whenReady(): Promise<void>
    getAppPath(): string
    getPath(name: 'userData' | 'temp' | 'home'): string
    setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
    isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
    readonly name: string
    on(
      event: 'second-instance',
      listener: (event: PreventableEvent, argv: string[], workingDirectory: string) => void,
    ): this
    on(
      event: 'open-file' | 'open-url',
      listener: (event: PreventableEvent, pathOrUrl: string) => void,
    ): this
    on(
      event: 'web-contents-created',
      listener: (event: PreventableEvent, contents: WebContents) => void,
    ): this
    on(event: 'window-all-closed' | 'will-quit', listener: () => void): this
  }

  interface CustomScheme {
    scheme: string
    privileges?: {
      standard?: boolean
      secure?: boolean
      supportFetchAPI?: boolean
      corsEnabled?: boolean
      codeCache?: boolean
      stream?: boolean
    }
  }

  interface Protocol {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void
  }

  interface PermissionRequestHandler {
    (
      contents: WebContents,
      permission: string,
      callback: (granted: boolean) => void,
      details: {requestingUrl?: string},
    ): void
  }

  interface Session {
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void
    setPermissionCheckHandler(
      handler:
        | ((contents: WebContents | null, permission: string, requestingOrigin: string) => boolean)
        | null,
    ): void
  }

  interface MenuItemConstructorOptions {
    label?: string
    role?: string
    type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio'
    accelerator?: string
    enabled?: boolean
    visible?: boolean
    click?: () => void
    submenu?: MenuItemConstructorOptions[]
  }

  class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu
    static setApplicationMenu(menu: Menu | null): void
  }

  interface OpenDialogOptions {
    title?: string
    properties?: ('openFile' | 'openDirectory' | 'showHiddenFiles')[]
    filters?: {name: string; extensions: string[]}[]
  }

  interface MessageBoxOptions {
    type?: 'none' | 'info' | 'error' | 'question' | 'warning'
    buttons?: string[]
    defaultId?: number
    cancelId?: number
    title?: string
    message: string
    detail?: string
  }

  interface Dialog {
    showOpenDialog(
      window: BrowserWindow,
      options: OpenDialogOptions,
    ): Promise<{canceled: boolean; filePaths: string[]}>
    showMessageBox(window: BrowserWindow, options: MessageBoxOptions): Promise<{response: number}>
  }

  interface NativeTheme {
    themeSource: 'system' | 'light' | 'dark'
    readonly shouldUseDarkColors: boolean
  }

  interface Display {
    workArea: Rectangle
  }

  interface Screen {
    getAllDisplays(): Display[]
  }

  interface IpcMainInvokeEvent {
    readonly sender: WebContents
    readonly senderFrame: WebFrameMain | null
  }

  interface IpcMain {
    handle(
      channel: string,
      listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown,
    ): void
    removeHandler(channel: string): void
  }

  interface IpcRendererEvent {
    readonly sender: unknown
  }

  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this
    removeListener(channel: string, listener: (...args: never[]) => void): this
  }

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void
  }

  interface Shell {
    openExternal(url: string): Promise<void>
  }

  export const app: App
  export const protocol: Protocol
  export const session: {readonly defaultSession: Session}
  export const ipcMain: IpcMain
  export const ipcRenderer: IpcRenderer
  export const contextBridge: ContextBridge
  export const shell: Shell
  export const dialog: Dialog
  export const nativeTheme: NativeTheme
  export const screen: Screen
  export {BrowserWindow, Menu}
  export type {
    App,
    BrowserWindowConstructorOptions,
    ContextBridge,
    CustomScheme,
    Dialog,
    Display,
    MenuItemConstructorOptions,
    NativeTheme,
    OpenDialogOptions,
    Rectangle,
    Screen,
    HandlerDetails,
    IpcMain,
    IpcRenderer,
    Protocol,
    Shell,
    IpcMainInvokeEvent,
    IpcRendererEvent,
    PreventableEvent,
    Session,
    WebContents,
    WebFrameMain,
    WebPreferences,
  }
}
