/** The input handlers of a canvas view: pointer, wheel and double-click on its overlay, keys on its container. */
export interface CanvasHandlers {
  onPointerDown: (e: PointerEvent) => void
  onPointerMove: (e: PointerEvent) => void
  /** Also a cancelled pointer. */
  onPointerUp: (e: PointerEvent) => void
  onLeave: () => void
  onDoubleClick: (e: MouseEvent) => void
  /** Registered as not passive: it may prevent the page's scroll. */
  onWheel: (e: WheelEvent) => void
  onKeyDown: (e: KeyboardEvent) => void
}

/** Attach a canvas view's handlers; returns the function that detaches them all. */
export function listenCanvas(
  overlay: HTMLElement,
  container: HTMLElement,
  h: CanvasHandlers,
): () => void {
  overlay.addEventListener('pointerdown', h.onPointerDown)
  overlay.addEventListener('pointermove', h.onPointerMove)
  overlay.addEventListener('pointerup', h.onPointerUp)
  overlay.addEventListener('pointercancel', h.onPointerUp)
  overlay.addEventListener('pointerleave', h.onLeave)
  overlay.addEventListener('dblclick', h.onDoubleClick)
  overlay.addEventListener('wheel', h.onWheel, {passive: false})
  container.addEventListener('keydown', h.onKeyDown)
  return () => {
    overlay.removeEventListener('pointerdown', h.onPointerDown)
    overlay.removeEventListener('pointermove', h.onPointerMove)
    overlay.removeEventListener('pointerup', h.onPointerUp)
    overlay.removeEventListener('pointercancel', h.onPointerUp)
    overlay.removeEventListener('pointerleave', h.onLeave)
    overlay.removeEventListener('dblclick', h.onDoubleClick)
    overlay.removeEventListener('wheel', h.onWheel)
    container.removeEventListener('keydown', h.onKeyDown)
  }
}
