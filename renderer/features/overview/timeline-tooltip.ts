import type {TimelineItem} from '../../../shared/project-index/index-types'
import type {TooltipLine} from '../../components/canvas-tooltip'
import {formatLocalTime} from '../../components/format'
import {spanLabel} from './timeline-axis'

const kindNames: Record<TimelineItem['kind'], string> = {
  request: 'request',
  test: 'test',
  job: 'job',
  script: 'script run',
}

/** The facts of an item in words: kind, status, duration, failure (tooltips, announcements). */
export function itemFacts(item: TimelineItem): string {
  const parts = [kindNames[item.kind]]
  if (item.status !== undefined) parts.push(`status ${item.status}`)
  parts.push(spanLabel(item.endMs - item.startMs))
  if (item.error) parts.push('failed')
  if (item.nested) parts.push('inside another item of its trace')
  return parts.join(' · ')
}

/** The local start time with milliseconds: "2024-01-03 14:05:09.123". */
export function startText(item: TimelineItem): string {
  const ms = String(Math.floor(item.startMs % 1000)).padStart(3, '0')
  return `${formatLocalTime(item.startMs)}.${ms}`
}

/** The tooltip of a bar. */
export function tooltipLines(item: TimelineItem): TooltipLine[] {
  const lines: TooltipLine[] = [
    {text: item.status !== undefined ? `${item.status} ${item.label}` : item.label, title: true},
    {text: itemFacts(item)},
    {text: `started ${startText(item)}`},
  ]
  if (item.endpoint !== undefined && item.endpoint !== item.label) {
    lines.push({text: `endpoint ${item.endpoint}`})
  }
  lines.push({text: `${item.traceId} · click to open`})
  return lines
}

/** What a screen reader hears when the keyboard focus lands on an item. */
export function announceItem(item: TimelineItem): string {
  const name = item.status !== undefined ? `${item.label}, ${item.status}` : item.label
  return `${name}: ${itemFacts(item)}, started ${startText(item)}. Enter opens it.`
}
