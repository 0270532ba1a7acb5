/** A visible time range, in ns of the flame chart's domain. */
export interface TimeView {
  startNs: number
  endNs: number
}

/**
 * The view moved inside [0, domainNs] and widened to at least `minSpanNs` (and at most the domain).
 *
 * An empty domain shows [0, 1] so that the scale stays finite.
 */
export function clampView(view: TimeView, domainNs: number, minSpanNs: number): TimeView {
  if (!(domainNs > 0)) return {startNs: 0, endNs: 1}
  let span = Math.min(domainNs, Math.max(view.endNs - view.startNs, minSpanNs, Number.EPSILON))
  if (!Number.isFinite(span)) span = domainNs
  let startNs = Number.isFinite(view.startNs) ? view.startNs : 0
  if (startNs < 0) startNs = 0
  if (startNs + span > domainNs) startNs = domainNs - span
  return {startNs, endNs: startNs + span}
}

/** Zoom by `factor` (< 1 zooms in) keeping the time at `anchorNs` where it is on screen. */
export function zoomView(
  view: TimeView,
  factor: number,
  anchorNs: number,
  domainNs: number,
  minSpanNs: number,
): TimeView {
  const span = view.endNs - view.startNs
  const newSpan = Math.min(domainNs, Math.max(minSpanNs, span * factor))
  const ratio = span > 0 ? (anchorNs - view.startNs) / span : 0.5
  const startNs = anchorNs - ratio * newSpan
  return clampView({startNs, endNs: startNs + newSpan}, domainNs, minSpanNs)
}

/** Move the view by `deltaNs` (positive: later), keeping its span. */
export function panView(
  view: TimeView,
  deltaNs: number,
  domainNs: number,
  minSpanNs: number,
): TimeView {
  return clampView(
    {startNs: view.startNs + deltaNs, endNs: view.endNs + deltaNs},
    domainNs,
    minSpanNs,
  )
}

/** The view that shows [startNs, endNs] with `padding` (a fraction of its span) on each side. */
export function viewAround(
  startNs: number,
  endNs: number,
  padding: number,
  domainNs: number,
  minSpanNs: number,
): TimeView {
  const span = Math.max(endNs - startNs, minSpanNs)
  const middle = (startNs + endNs) / 2
  const half = (span * (1 + 2 * padding)) / 2
  return clampView({startNs: middle - half, endNs: middle + half}, domainNs, minSpanNs)
}

/** The view with the same span, moved just enough that [startNs, endNs] is inside it (if it fits). */
export function revealRange(
  view: TimeView,
  startNs: number,
  endNs: number,
  domainNs: number,
  minSpanNs: number,
): TimeView {
  const span = view.endNs - view.startNs
  if (startNs >= view.startNs && endNs <= view.endNs) return view
  if (endNs - startNs > span) {
    // A node wider than the view is left alone while any of it shows (a parent of the zoomed part).
    if (startNs < view.endNs && endNs > view.startNs) return view
    return clampView({startNs, endNs: startNs + span}, domainNs, minSpanNs)
  }
  const shift =
    startNs < view.startNs ? startNs - view.startNs - span * 0.1 : endNs - view.endNs + span * 0.1
  return panView(view, shift, domainNs, minSpanNs)
}
