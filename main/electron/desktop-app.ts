import path from 'node:path'
import {app, BrowserWindow, session} from 'electron'
import {ensureDemoStore} from '../node/demo/demo-store'
import {createTraceService} from '../node/service'
import type {TraceService} from '../node/service'
import {appEntryUrl, handleAppProtocol, registerAppScheme} from './app-protocol'
import {hardenContents, hardenSession} from './hardening'
import {forwardEvents, registerIpcHandlers} from './ipc'
import {windowOptions} from './window-options'

/** Where the built app's parts are, below the app root (the folder or asar holding package.json). */
export function appLayout(appRoot: string, isPackaged: boolean) {
  const dist = path.join(appRoot, 'dist')
  // Worker threads cannot start from inside an asar: the worker is unpacked beside it.
  const unpacked = isPackaged ? dist.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked') : dist
  return {
    preload: path.join(dist, 'main', 'preload.cjs'),
    renderer: path.join(dist, 'renderer'),
    worker: path.join(unpacked, 'main', 'trace-worker.js'),
  }
}

/**
 * The project paths in a command line: the arguments after the app (packaged) or after the
 * script (`electron dist/main/electron.cjs PATH`), minus switches and URLs (deep links are routed
 * elsewhere), resolved against the directory the command ran in.
 */
export function projectPathsFromArgv(
  argv: readonly string[],
  isPackaged: boolean,
  cwd: string,
): string[] {
  return argv
    .slice(isPackaged ? 1 : 2)
    .filter(arg => arg !== '' && !arg.startsWith('-') && !/^[a-z][a-z\d+.-]*:\/\//i.test(arg))
    .map(arg => path.resolve(cwd, arg))
}

/**
 * Run the desktop app: one instance, one window, the service behind IPC.
 *
 * A second launch hands its paths to the running instance, which adds them as projects and
 * comes to the front. With no path, the embedded demo store opens.
 */
export function startDesktopApp(): void {
  registerAppScheme()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const layout = appLayout(app.getAppPath(), app.isPackaged)
  const pending = projectPathsFromArgv(process.argv, app.isPackaged, process.cwd())
  let service: TraceService | undefined
  let window: BrowserWindow | undefined
  let stopIpc: (() => void) | undefined

  const open = (paths: string[]) => {
    if (!service) return void pending.push(...paths)
    for (const projectPath of paths) service.addProject(projectPath)
  }
  const focus = () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  }

  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
  app.on('second-instance', (_event, argv, cwd) => {
    open(projectPathsFromArgv(argv, app.isPackaged, cwd))
    focus()
  })
  app.on('open-file', (event, file) => {
    event.preventDefault()
    open([file])
    focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    stopIpc?.()
    void service?.dispose()
  })

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession)
      handleAppProtocol(layout.renderer)
      const projectPaths = pending.length > 0 ? pending.splice(0) : [ensureDemoStore()]
      service = createTraceService({
        projectPaths,
        cacheDir: path.join(app.getPath('userData'), 'cache'),
        workerPath: layout.worker,
      })
      stopIpc = registerIpcHandlers(service)
      window = new BrowserWindow(windowOptions(layout.preload))
      forwardEvents(service, window.webContents)
      window.once('ready-to-show', () => window?.show())
      window.on('closed', () => (window = undefined))
      await window.loadURL(appEntryUrl)
    })
    .catch((error: unknown) => {
      console.error('kolo-explorer:', error instanceof Error ? error.message : error)
      app.quit()
    })
}
