import type {BrowserWindowConstructorOptions} from 'electron'

/**
 * The options of the app window: isolated, sandboxed, no Node in the page.
 *
 * `webSecurity` is deliberately left at its default (on). A sandboxed preload cannot require our
 * files, so `preloadPath` is the one bundled file dist/main/preload.cjs.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Kolo Explorer',
    backgroundColor: '#1b1d23',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}
