import path from 'node:path'
import {app, BrowserWindow, dialog, nativeTheme, screen, session} from 'electron'
import type {OpenDialogOptions} from 'electron'
import {ensureDemoStore} from '../node/demo/demo-store'
import {routeArgv} from '../node/projects/route-argv'
import {formatDiffLink} from '../../shared/diff/diff-link'
import {formatLink, routeInput} from '../node/projects/route-input'
import type {Route} from '../node/projects/route-input'
import {createTraceService} from '../node/service/service'
import type {TraceService} from '../node/service/service'
import {SettingsStore} from '../node/settings/settings-store'
import {appEntryUrl, handleAppProtocol, registerAppScheme} from './app-protocol'
import {eventChannel} from './channels'
import {hardenContents, hardenSession} from './hardening'
import {forwardEvents, registerIpcHandlers} from './ipc'
import {devSqliteBinding, registerLinkProtocol} from './link-protocol'
import {installMenu} from './menu'
import {windowOptions} from './window-options'
import {restoredBounds, trackWindowState} from './window-state'

/** Where the built app's parts are, below the app root (the folder or asar holding package.json). */
export function appLayout(appRoot: string, isPackaged: boolean) {
  const dist = path.join(appRoot, 'dist')
  // Worker threads cannot start from inside an asar: the worker is unpacked beside it.
  const unpacked = isPackaged ? dist.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked') : dist
  return {
    preload: path.join(dist, 'main', 'preload.cjs'),
    renderer: path.join(dist, 'renderer'),
    worker: path.join(unpacked, 'main', 'trace-worker.js'),
    indexWorker: path.join(unpacked, 'main', 'project-index-worker.js'),
  }
}

/** The URL the window first loads: the app, with the first thing to open as `?link=`. */
export function entryUrl(first: Route | undefined): string {
  if (!first || first.kind === 'rejected') return appEntryUrl
  const link =
    first.kind === 'project'
      ? formatLink(first.path)
      : first.kind === 'diff'
        ? formatDiffLink(first.a, first.b)
        : formatLink(first.projectPath, first.traceId, first.frameId)
  return `${appEntryUrl}?link=${encodeURIComponent(link)}`
}

/** The project paths a cold start opens: those routed from argv, then the remembered ones. */
export function startupProjects(routes: readonly Route[], remembered: readonly string[]): string[] {
  const routed = routes.flatMap(r =>
    r.kind === 'project'
      ? [r.path]
      : r.kind === 'link'
        ? [r.projectPath]
        : r.kind === 'diff'
          ? [r.a.projectPath, r.b.projectPath]
          : [],
  )
  return [...new Set([...routed, ...remembered])]
}

const fileFilters = [
  {name: 'Kolo traces and stores', extensions: ['kolo', 'sqlite3', 'msgpack', 'json', 'gz']},
  {name: 'All files', extensions: ['*']},
]

/**
 * Run the desktop app: one instance, one window, the service behind IPC.
 *
 * Everything that asks to open something (argv on a cold start, a second launch, macOS
 * open-file/open-url, a file dropped on the window, the Open menu) is untrusted and goes through
 * one router (main/node/projects/route-input), which opens a project, a file or a deep link, or says why not.
 * With no project given or remembered, the embedded demo opens.
 */
export function startDesktopApp(): void {
  registerAppScheme()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const layout = appLayout(app.getAppPath(), app.isPackaged)
  const userData = app.getPath('userData')
  const settings = new SettingsStore(userData, message => console.warn(`kolo-explorer: ${message}`))
  const coldStart = routeArgv(process.argv, {isPackaged: app.isPackaged, cwd: process.cwd()})
  const waiting: {route: Route; input?: string}[] = []
  let service: TraceService | undefined
  let window: BrowserWindow | undefined
  let shown = false
  let stopIpc: (() => void) | undefined

  const focus = () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  }
  // Until the page listens, inputs wait; then each opens (or is refused) and the page is told.
  const deliver = (route: Route, input?: string) => {
    if (!service || !shown) return void waiting.push({route, input})
    service.openRoute(route, input)
    focus()
  }
  const pickPath = async (kind: 'folder' | 'file'): Promise<string | undefined> => {
    if (!window) return undefined
    const options: OpenDialogOptions =
      kind === 'folder'
        ? {title: 'Open a project folder', properties: ['openDirectory', 'showHiddenFiles']}
        : {title: 'Open a Kolo trace or store', properties: ['openFile'], filters: fileFilters}
    const picked = await dialog.showOpenDialog(window, options)
    return picked.canceled ? undefined : picked.filePaths[0]
  }

  const confirmCustomEditor = async (template: string): Promise<boolean> => {
    if (!window) return false
    const answer = await dialog.showMessageBox(window, {
      type: 'warning',
      buttons: ['Cancel', 'Use this command'],
      defaultId: 0,
      cancelId: 0,
      title: 'Custom editor command',
      message: 'Open files in your editor with this command?',
      detail: `Kolo Explorer will run it each time you open a frame in your editor:\n\n${template}`,
    })
    return answer.response === 1
  }

  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, undefined, url => deliver(routeInput(url), url)),
  )
  app.on('second-instance', (_event, argv, cwd) => {
    for (const route of routeArgv(argv, {isPackaged: app.isPackaged, cwd})) deliver(route)
    focus()
  })
  app.on('open-file', (event, file) => {
    event.preventDefault()
    deliver(routeInput(file), file)
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    deliver(routeInput(url), url)
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
      registerLinkProtocol(app, {
        isPackaged: app.isPackaged,
        platform: process.platform,
        execPath: process.execPath,
        argv: process.argv,
      })
      if (!app.isPackaged && process.env.KOLO_EXPLORER_SQLITE_BINDING === undefined) {
        const binding = devSqliteBinding(app.getAppPath(), process.versions.electron)
        if (binding) process.env.KOLO_EXPLORER_SQLITE_BINDING = binding
      }
      nativeTheme.themeSource = settings.get().theme
      // A path on the command line is one way to add a project: remember it, as the picker does.
      for (const route of coldStart) {
        if (route.kind === 'project') settings.rememberProject(route.path)
      }
      const projectPaths = startupProjects(coldStart, settings.get().projects)
      service = createTraceService({
        projectPaths: projectPaths.length > 0 ? projectPaths : [ensureDemoStore()],
        cacheDir: path.join(userData, 'cache'),
        workerPath: layout.worker,
        startHost: true,
        index: true,
        indexWorkerPath: layout.indexWorker,
        settingsDir: userData,
        settings,
        host: 'desktop',
        pickPath,
      })
      service.on('settingsChanged', info => (nativeTheme.themeSource = info.theme))
      stopIpc = registerIpcHandlers(service, {confirmCustomEditor})

      const saved = settings.get().window
      const workAreas = screen.getAllDisplays().map(d => d.workArea)
      const bounds = restoredBounds(saved, workAreas)
      window = new BrowserWindow(
        windowOptions(layout.preload, bounds, nativeTheme.shouldUseDarkColors),
      )
      if (saved?.maximized) window.maximize()
      trackWindowState(window, state => settings.update({window: state}))
      forwardEvents(service, window.webContents)
      const contents = window.webContents
      installMenu(
        {platform: process.platform, isDev: !app.isPackaged, appName: app.name},
        {
          send: command => {
            if (!contents.isDestroyed()) {
              contents.send(eventChannel('menuCommandInvoked'), {command})
            }
          },
          open: kind =>
            void pickPath(kind).then(picked => {
              if (picked !== undefined) deliver(routeInput(picked), picked)
            }),
        },
      )
      window.once('ready-to-show', () => {
        window?.show()
        shown = true
        // The first input opened with the page (?link=); refusals and later inputs are events.
        for (const route of coldStart) if (route.kind === 'rejected') deliver(route)
        for (const {route, input} of waiting.splice(0)) deliver(route, input)
      })
      window.on('closed', () => (window = undefined))
      await window.loadURL(entryUrl(coldStart.find(r => r.kind !== 'rejected')))
    })
    .catch((error: unknown) => {
      console.error('kolo-explorer:', error instanceof Error ? error.message : error)
      app.quit()
    })
}
