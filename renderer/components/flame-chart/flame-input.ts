import {listenCanvas} from '../canvas-listeners'
import type {FlameMove} from './flame-navigation'
import type {ChartInput, FlameHost} from './flame-types'
import {applyWheel} from '../wheel-gesture'

const dragThresholdPx = 3
const lineHeightPx = 16

/**
 * Wire pointer, wheel and keyboard input of a flame chart to its renderer; returns the detacher.
 *
 * Wheel zooms around the pointer (a trackpad pinch arrives as ctrl+wheel and zooms faster),
 * horizontal wheel pans, shift+wheel scrolls the rows. Drag pans; a click selects; a double
 * click zooms to the row. Keys on the focused chart: arrows move the selection (↑ parent, ↓ first
 * child, ←/→ siblings; inverted charts swap ↑ and ↓), Home the first root, Enter opens the
 * selection; + - zoom, 0 reset, Shift+arrows and WASD pan, N / Shift+N next / previous match.
 */
export function attachInput(r: ChartInput, host: FlameHost): () => void {
  const {overlay, container} = host
  let drag:
    {x: number; y: number; lastX: number; lastY: number; moved: boolean; id: number} | undefined

  const local = (e: MouseEvent): [number, number] => {
    const rect = overlay.getBoundingClientRect()
    return [e.clientX - rect.left, e.clientY - rect.top]
  }

  const onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return
    container.focus({preventScroll: true})
    drag = {
      x: e.clientX,
      y: e.clientY,
      lastX: e.clientX,
      lastY: e.clientY,
      moved: false,
      id: e.pointerId,
    }
    overlay.setPointerCapture?.(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent): void => {
    if (drag && drag.id === e.pointerId) {
      if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < dragThresholdPx) {
        return
      }
      if (!drag.moved) {
        drag.moved = true
        overlay.style.cursor = 'grabbing'
        r.hover(-1)
      }
      r.pan(drag.lastX - e.clientX, drag.lastY - e.clientY)
      drag.lastX = e.clientX
      drag.lastY = e.clientY
      return
    }
    const [x, y] = local(e)
    const row = r.rowAt(x, y)
    overlay.style.cursor = row >= 0 ? 'pointer' : 'default'
    r.hover(row, e.clientX, e.clientY)
  }
  const onPointerUp = (e: PointerEvent): void => {
    if (!drag || drag.id !== e.pointerId) return
    const wasDrag = drag.moved
    drag = undefined
    overlay.releasePointerCapture?.(e.pointerId)
    overlay.style.cursor = 'default'
    if (wasDrag) return
    const [x, y] = local(e)
    const row = r.rowAt(x, y)
    if (row >= 0) r.handlers.onSelect(row)
  }
  const onLeave = (): void => {
    if (!drag) r.hover(-1)
  }
  const onDoubleClick = (e: MouseEvent): void => {
    const [x, y] = local(e)
    const row = r.rowAt(x, y)
    if (row >= 0) r.zoomToRow(row)
  }
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault()
    applyWheel(e, overlay, lineHeightPx, local(e)[0], r)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const stepPx = Math.max(40, container.clientWidth / 10)
    const panByArrow = (key: string): void => {
      if (key === 'ArrowLeft') r.pan(-stepPx, 0)
      else if (key === 'ArrowRight') r.pan(stepPx, 0)
      else r.pan(0, (key === 'ArrowUp' ? -3 : 3) * lineHeightPx)
    }
    const handled = ((): boolean => {
      switch (e.key) {
        case '+':
        case '=':
          r.zoom(0.8)
          return true
        case '-':
        case '_':
          r.zoom(1.25)
          return true
        case '0':
          r.resetView()
          return true
        case 'ArrowLeft':
        case 'ArrowRight':
        case 'ArrowUp':
        case 'ArrowDown':
          if (e.shiftKey) panByArrow(e.key)
          else r.navigate(arrowMove(e.key, r.inverted))
          return true
        case 'Home':
          r.navigate('first')
          return true
        case 'Enter':
          if (r.getSelected() >= 0) r.handlers.onOpen?.(r.getSelected())
          return true
        case 'a':
        case 'A':
          panByArrow('ArrowLeft')
          return true
        case 'd':
        case 'D':
          panByArrow('ArrowRight')
          return true
        case 'w':
        case 'W':
          panByArrow('ArrowUp')
          return true
        case 's':
        case 'S':
          panByArrow('ArrowDown')
          return true
        case 'n':
        case 'N':
          r.handlers.onCycleMatch?.(e.shiftKey ? -1 : 1)
          return true
        default:
          return false
      }
    })()
    if (handled) e.preventDefault()
  }

  return listenCanvas(overlay, container, {
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onLeave,
    onDoubleClick,
    onWheel,
    onKeyDown,
  })
}

/** The selection move of an arrow key; on an inverted chart (callers) depth grows upwards. */
export function arrowMove(key: string, inverted: boolean): FlameMove {
  if (key === 'ArrowLeft') return 'previous'
  if (key === 'ArrowRight') return 'next'
  const up = key === 'ArrowUp'
  return up !== inverted ? 'parent' : 'child'
}
