import type {ChartInput, FlameHost} from './flame-types'

const dragThresholdPx = 3
const lineHeightPx = 16

/**
 * Wire pointer, wheel and keyboard input of a flame chart to its renderer; returns the detacher.
 *
 * Wheel zooms around the pointer (a trackpad pinch arrives as ctrl+wheel and zooms faster),
 * horizontal wheel pans, shift+wheel scrolls the rows. Drag pans; a click selects; a double
 * click zooms to the row. Keys on the focused chart: + - zoom, 0 reset, arrows and WASD pan,
 * Enter / Shift+Enter next / previous search match.
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
    const unit = e.deltaMode === 1 ? lineHeightPx : e.deltaMode === 2 ? overlay.clientHeight : 1
    const dx = e.deltaX * unit
    const dy = e.deltaY * unit
    const [x] = local(e)
    if (e.ctrlKey || e.metaKey) r.zoom(Math.exp(dy * 0.01), x)
    else if (e.shiftKey) r.pan(0, dy || dx)
    else if (Math.abs(dx) > Math.abs(dy)) r.pan(dx, 0)
    else r.zoom(Math.exp(dy * 0.002), x)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const stepPx = Math.max(40, container.clientWidth / 10)
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
        case 'a':
        case 'A':
          r.pan(-stepPx, 0)
          return true
        case 'ArrowRight':
        case 'd':
        case 'D':
          r.pan(stepPx, 0)
          return true
        case 'ArrowUp':
        case 'w':
        case 'W':
          r.pan(0, -3 * lineHeightPx)
          return true
        case 'ArrowDown':
        case 's':
        case 'S':
          r.pan(0, 3 * lineHeightPx)
          return true
        case 'Enter':
          r.handlers.onCycleMatch?.(e.shiftKey ? -1 : 1)
          return true
        default:
          return false
      }
    })()
    if (handled) e.preventDefault()
  }

  overlay.addEventListener('pointerdown', onPointerDown)
  overlay.addEventListener('pointermove', onPointerMove)
  overlay.addEventListener('pointerup', onPointerUp)
  overlay.addEventListener('pointercancel', onPointerUp)
  overlay.addEventListener('pointerleave', onLeave)
  overlay.addEventListener('dblclick', onDoubleClick)
  overlay.addEventListener('wheel', onWheel, {passive: false})
  container.addEventListener('keydown', onKeyDown)
  return () => {
    overlay.removeEventListener('pointerdown', onPointerDown)
    overlay.removeEventListener('pointermove', onPointerMove)
    overlay.removeEventListener('pointerup', onPointerUp)
    overlay.removeEventListener('pointercancel', onPointerUp)
    overlay.removeEventListener('pointerleave', onLeave)
    overlay.removeEventListener('dblclick', onDoubleClick)
    overlay.removeEventListener('wheel', onWheel)
    container.removeEventListener('keydown', onKeyDown)
  }
}
