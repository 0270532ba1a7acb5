import {listenCanvas} from '../../components/canvas-listeners'
import {applyWheel} from '../../components/wheel-gesture'
import type {TimelineHost, TimelineRenderer} from './timeline-renderer'
import {axisHeightPx} from './timeline-draw'

const dragThresholdPx = 3
const lineHeightPx = 16

/**
 * Wire pointer, wheel and keyboard input of a timeline to its renderer; returns the detacher.
 *
 * Wheel zooms around the pointer (ctrl+wheel, a pinch, faster), horizontal wheel pans, shift+wheel
 * scrolls the lanes. Drag pans; Shift+drag, or a drag on the time axis, brushes a time range and
 * selects its traces. A click opens the item under it; a double click zooms to it. Keys on the
 * focused timeline: ← → the previous / next item in time, ↑ ↓ the nearest in the lane above /
 * below, Home End the first / last, Enter opens the focused item, + - zoom, 0 shows everything,
 * A D pan, W S scroll the lanes, Shift+Enter selects what is in view, Escape clears the selection.
 */
export function attachTimelineInput(r: TimelineRenderer, host: TimelineHost): () => void {
  const {overlay, container} = host
  let drag:
    | {
        x: number
        y: number
        lastX: number
        lastY: number
        moved: boolean
        id: number
        brush: boolean
      }
    | undefined

  const local = (e: MouseEvent): [number, number] => {
    const rect = overlay.getBoundingClientRect()
    return [e.clientX - rect.left, e.clientY - rect.top]
  }
  const onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return
    container.focus({preventScroll: true})
    const [, y] = local(e)
    drag = {
      x: e.clientX,
      y: e.clientY,
      lastX: e.clientX,
      lastY: e.clientY,
      moved: false,
      id: e.pointerId,
      brush: e.shiftKey || y < axisHeightPx,
    }
    overlay.setPointerCapture?.(e.pointerId)
  }
  const onPointerMove = (e: PointerEvent): void => {
    const [x, y] = local(e)
    if (drag && drag.id === e.pointerId) {
      if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < dragThresholdPx) {
        return
      }
      if (!drag.moved) {
        drag.moved = true
        overlay.style.cursor = drag.brush ? 'col-resize' : 'grabbing'
        r.hover(-1)
      }
      if (drag.brush) {
        const rect = overlay.getBoundingClientRect()
        r.setDragBrush({fromMs: r.timeAt(drag.x - rect.left), toMs: r.timeAt(x)})
      } else {
        r.pan(drag.lastX - e.clientX, drag.lastY - e.clientY)
      }
      drag.lastX = e.clientX
      drag.lastY = e.clientY
      return
    }
    const i = r.itemAt(x, y)
    overlay.style.cursor = i >= 0 ? 'pointer' : y < axisHeightPx ? 'col-resize' : 'default'
    r.hover(i, e.clientX, e.clientY)
  }
  const onPointerUp = (e: PointerEvent): void => {
    if (!drag || drag.id !== e.pointerId) return
    const {moved, brush, x: startX} = drag
    drag = undefined
    overlay.releasePointerCapture?.(e.pointerId)
    overlay.style.cursor = 'default'
    const [x, y] = local(e)
    if (moved && brush) {
      const rect = overlay.getBoundingClientRect()
      const a = r.timeAt(startX - rect.left)
      const b = r.timeAt(x)
      r.callbacks.onBrush(Math.min(a, b), Math.max(a, b))
      return
    }
    if (moved) return
    const i = r.itemAt(x, y)
    const item = i >= 0 ? r.getLayout()?.items[i] : undefined
    if (item) r.callbacks.onOpen(item)
  }
  const onLeave = (): void => {
    if (!drag) r.hover(-1)
  }
  const onDoubleClick = (e: MouseEvent): void => {
    const [x, y] = local(e)
    const i = r.itemAt(x, y)
    if (i >= 0) r.zoomToItem(i)
  }
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault()
    applyWheel(e, overlay, lineHeightPx, local(e)[0], r)
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const stepPx = Math.max(40, container.clientWidth / 10)
    const handled = ((): boolean => {
      switch (e.key) {
        case 'ArrowRight':
          r.focusStep(1)
          return true
        case 'ArrowLeft':
          r.focusStep(-1)
          return true
        case 'ArrowUp':
          r.focusLane(-1)
          return true
        case 'ArrowDown':
          r.focusLane(1)
          return true
        case 'Home':
        case 'End':
          r.focusEdge(e.key === 'End')
          return true
        case 'Enter': {
          if (e.shiftKey) {
            const {startMs, endMs} = r.getView()
            const origin = r.getLayout()?.originMs ?? 0
            r.callbacks.onBrush(origin + startMs, origin + endMs)
            return true
          }
          const item = r.getLayout()?.items[r.getFocused()]
          if (item) r.callbacks.onOpen(item)
          return item !== undefined
        }
        case 'Escape':
          r.callbacks.onClearSelection()
          return true
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
        case 'a':
        case 'A':
          r.pan(-stepPx, 0)
          return true
        case 'd':
        case 'D':
          r.pan(stepPx, 0)
          return true
        case 'w':
        case 'W':
          r.pan(0, -3 * lineHeightPx)
          return true
        case 's':
        case 'S':
          r.pan(0, 3 * lineHeightPx)
          return true
        default:
          return false
      }
    })()
    if (handled) {
      e.preventDefault()
      // The app's keys (number keys switch views, Escape leaves a trace) are not the timeline's.
      e.stopPropagation()
    }
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
