import {shell} from 'electron'
import type {Session, WebContents} from 'electron'

/** The URL, normalised, when it is a well-formed https: URL worth opening in the browser. */
export function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname !== '' ? parsed.toString() : undefined
  } catch {
    return undefined
  }
}

/**
 * Lock down a web contents: no navigation, no redirects, no <webview>, no new windows.
 *
 * The app is one page; a link to an https: page opens in the user's browser instead.
 */
export function hardenContents(
  contents: WebContents,
  openExternal: (url: string) => Promise<void> = url => shell.openExternal(url),
): void {
  contents.on('will-navigate', event => event.preventDefault())
  contents.on('will-redirect', event => event.preventDefault())
  contents.on('will-attach-webview', event => event.preventDefault())
  contents.setWindowOpenHandler(({url}) => {
    const target = externalUrl(url)
    if (target) openExternal(target).catch(() => undefined)
    return {action: 'deny'}
  })
}

/** Deny every permission request and check (camera, notifications, clipboard-read, …). */
export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}
