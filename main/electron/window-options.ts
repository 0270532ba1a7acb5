import type {BrowserWindowConstructorOptions} from 'electron'

/**
 * The options of the app window: isolated, sandboxed, no Node in the page.
 *
 * `webSecurity` is deliberately left at its default (on). A sandboxed preload cannot require our
 * files, so `preloadPath` is the one bundled file dist/main/preload.cjs. `bounds` are the saved
 * ones (window-state.ts); `dark` picks the background shown before the page paints.
 */
export function windowOptions(
  preloadPath: string,
  bounds: {x?: number; y?: number; width: number; height: number} = {width: 1280, height: 820},
  dark = true,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Kolo Explorer',
    backgroundColor: dark ? '#17181b' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      // A dropped file asks to navigate to its file:// URL; hardenContents refuses the navigation
      // and routes the URL (the router opens it or says why not). Nothing is ever navigated to.
      navigateOnDragDrop: true,
      spellcheck: false,
      safeDialogs: true,
    },
  }
}
