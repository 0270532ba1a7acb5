import './canvas-tooltip.css'

/** One line of a canvas tooltip: its text, and whether it is the title line. */
export interface TooltipLine {
  text: string
  title?: boolean
}

/**
 * Fill a canvas view's tooltip element and place it beside the pointer, inside `container`
 * (flipped left or up where it would leave it). Trace content is hostile: text nodes only.
 */
export function showCanvasTooltip(
  tooltip: HTMLElement,
  container: HTMLElement,
  lines: readonly TooltipLine[],
  clientX: number,
  clientY: number,
): void {
  while (tooltip.childElementCount > lines.length) tooltip.lastElementChild!.remove()
  while (tooltip.childElementCount < lines.length) {
    tooltip.appendChild(document.createElement('div'))
  }
  lines.forEach((line, i) => {
    const el = tooltip.children[i] as HTMLElement
    if (el.textContent !== line.text) el.textContent = line.text
    el.className = line.title ? 'canvas-tooltip-title' : 'canvas-tooltip-line'
  })
  tooltip.hidden = false
  const box = container.getBoundingClientRect()
  let x = clientX - box.left + 12
  let y = clientY - box.top + 14
  if (x + tooltip.offsetWidth > box.width) {
    x = Math.max(0, clientX - box.left - tooltip.offsetWidth - 12)
  }
  if (y + tooltip.offsetHeight > box.height) {
    y = Math.max(0, clientY - box.top - tooltip.offsetHeight - 10)
  }
  tooltip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`
}

/** Hide a canvas view's tooltip. */
export function hideCanvasTooltip(tooltip: HTMLElement): void {
  tooltip.hidden = true
}
