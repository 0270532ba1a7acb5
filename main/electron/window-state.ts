import type {BrowserWindow, Rectangle} from 'electron'
import type {WindowState} from '../node/settings/settings-store'

/** The size of a first window. */
export const defaultWindowSize = {width: 1280, height: 820}

/**
 * The bounds to open the window with: the saved ones when their title bar is on a display now
 * (monitors come and go), else the saved size (or the default) on the primary display.
 */
export function restoredBounds(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
): {x?: number; y?: number; width: number; height: number} {
  const width = saved?.width ?? defaultWindowSize.width
  const height = saved?.height ?? defaultWindowSize.height
  if (saved?.x === undefined || saved.y === undefined) return {width, height}
  const {x, y} = saved
  // The top strip must be reachable: 100 px of it inside one work area.
  const visible = workAreas.some(
    area =>
      y >= area.y &&
      y < area.y + area.height - 40 &&
      x + width - 100 >= area.x &&
      x + 100 <= area.x + area.width,
  )
  return visible ? {x, y, width, height} : {width, height}
}

/**
 * Save the window's bounds as they change (debounced) and when it closes.
 *
 * Normal bounds are saved while maximised, so un-maximising after a restart returns to them.
 */
export function trackWindowState(
  window: BrowserWindow,
  save: (state: WindowState) => void,
  debounceMs = 500,
): () => void {
  let timer: NodeJS.Timeout | undefined
  const write = () => {
    timer = undefined
    if (window.isDestroyed()) return
    const {x, y, width, height} = window.getNormalBounds()
    try {
      save({x, y, width, height, maximized: window.isMaximized()})
    } catch {
      // A read-only settings folder costs the window position, nothing else.
    }
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(write, debounceMs)
    timer.unref()
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later)
  window.on('close', () => {
    if (timer) clearTimeout(timer)
    write()
  })
  return () => {
    if (timer) clearTimeout(timer)
  }
}
