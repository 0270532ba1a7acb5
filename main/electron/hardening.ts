import {shell} from 'electron'
import type {Session, WebContents} from 'electron'
import {isAppUrl} from './app-protocol'

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
 * The app is one page; a link to an https: page opens in the user's browser instead. A file
 * dropped on the window asks to navigate to its file:// URL: that navigation is refused too, and
 * the URL handed to `onDrop` (the router), which decides whether it opens.
 */
export function hardenContents(
  contents: WebContents,
  openExternal: (url: string) => Promise<void> = url => shell.openExternal(url),
  onDrop?: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (onDrop && /^file:/i.test(url)) onDrop(url)
  })
  contents.on('will-redirect', event => event.preventDefault())
  contents.on('will-attach-webview', event => event.preventDefault())
  contents.setWindowOpenHandler(({url}) => {
    const target = externalUrl(url)
    if (target) openExternal(target).catch(() => undefined)
    return {action: 'deny'}
  })
}

/** The one permission the page may have: writing text to the clipboard ("Copy link"). */
export const allowedPermission = 'clipboard-sanitized-write'

/**
 * Deny every permission request and check (camera, notifications, clipboard-read, …), except
 * clipboard writes asked by our own app:// page.
 */
export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === allowedPermission && isAppUrl(details.requestingUrl)),
  )
  target.setPermissionCheckHandler(
    (_contents, permission, origin) => permission === allowedPermission && isAppUrl(origin),
  )
}
