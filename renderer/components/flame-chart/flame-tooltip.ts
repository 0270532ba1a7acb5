import {formatDurationNs as formatDuration} from '../format'
import type {TooltipLine} from '../canvas-tooltip'
import type {RowDescription} from './flame-types'

/** The tooltip's lines for a row: name, file:line, duration, self time (and calls, merged rows). */
export function tooltipLines(d: RowDescription): TooltipLine[] {
  const lines: string[] = [d.name]
  if (d.file) lines.push(d.line ? `${d.file}:${d.line}` : d.file)
  let times = `${formatDuration(d.durationNs)} total · ${formatDuration(d.selfNs)} self`
  if (d.calls !== undefined) times += ` · ${d.calls} call${d.calls === 1 ? '' : 's'}`
  lines.push(times)
  if (d.note !== undefined) lines.push(d.note)
  return lines.map((text, i) => ({text, title: i === 0}))
}
