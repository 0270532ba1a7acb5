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

/** Attach one listener; returns the function that detaches it. */
function on<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  listener: (e: HTMLElementEventMap[K]) => void,
  options?: AddEventListenerOptions,
): () => void {
  target.addEventListener(type, listener, options)
  return () => target.removeEventListener(type, listener)
}

/** Attach a canvas view's handlers; returns the function that detaches them all. */
export function listenCanvas(
  overlay: HTMLElement,
  container: HTMLElement,
  h: CanvasHandlers,
): () => void {
  const detach = [
    on(overlay, 'pointerdown', h.onPointerDown),
    on(overlay, 'pointermove', h.onPointerMove),
    on(overlay, 'pointerup', h.onPointerUp),
    on(overlay, 'pointercancel', h.onPointerUp),
    on(overlay, 'pointerleave', h.onLeave),
    on(overlay, 'dblclick', h.onDoubleClick),
    on(overlay, 'wheel', h.onWheel, {passive: false}),
    on(container, 'keydown', h.onKeyDown),
  ]
  return () => {
    for (const off of detach) off()
  }
}
