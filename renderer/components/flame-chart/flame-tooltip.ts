import {formatDurationNs as formatDuration} from '../format'
import type {RowDescription} from './flame-types'

/** The tooltip's lines for a row: name, file:line, duration, self time (and calls, merged rows). */
export function tooltipLines(d: RowDescription): string[] {
  const lines = [d.name]
  if (d.file) lines.push(d.line ? `${d.file}:${d.line}` : d.file)
  let times = `${formatDuration(d.durationNs)} total · ${formatDuration(d.selfNs)} self`
  if (d.calls !== undefined) times += ` · ${d.calls} call${d.calls === 1 ? '' : 's'}`
  lines.push(times)
  if (d.note !== undefined) lines.push(d.note)
  return lines
}

/** Fill and place the tooltip element next to the pointer, inside the container. */
export function showTooltip(
  tooltip: HTMLElement,
  container: HTMLElement,
  d: RowDescription,
  clientX: number,
  clientY: number,
): void {
  const lines = tooltipLines(d)
  // Trace content is hostile: text nodes only.
  while (tooltip.childElementCount > lines.length) tooltip.lastElementChild!.remove()
  while (tooltip.childElementCount < lines.length) {
    tooltip.appendChild(document.createElement('div'))
  }
  lines.forEach((line, i) => {
    const el = tooltip.children[i] as HTMLElement
    if (el.textContent !== line) el.textContent = line
    el.className = i === 0 ? 'flame-tooltip-name' : 'flame-tooltip-detail'
  })
  tooltip.hidden = false
  const box = container.getBoundingClientRect()
  const tipWidth = tooltip.offsetWidth
  const tipHeight = tooltip.offsetHeight
  let x = clientX - box.left + 12
  let y = clientY - box.top + 14
  if (x + tipWidth > box.width) x = Math.max(0, clientX - box.left - tipWidth - 12)
  if (y + tipHeight > box.height) y = Math.max(0, clientY - box.top - tipHeight - 10)
  tooltip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`
}

/** Hide the tooltip. */
export function hideTooltip(tooltip: HTMLElement): void {
  tooltip.hidden = true
}
