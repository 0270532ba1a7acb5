import {describe, expect, it} from 'vitest'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {RecordingContext} from '../../testing/recording-context'
import {buildTimelinePalette, defaultTimelineTheme} from './timeline-colors'
import {barBox, createTimelineScratch, drawTimeline, laneAt, laneHeightFor} from './timeline-draw'
import type {TimelineFrame} from './timeline-draw'
import {barStyleCount, layOutTimeline} from './timeline-layout'

class Recorder extends RecordingContext {
  strokes = 0
  stroke(): void {
    this.strokes++
  }
  setLineDash(): void {}
}

const item = (
  traceId: string,
  startMs: number,
  endMs: number,
  extra: Partial<TimelineItem> = {},
): TimelineItem => ({
  traceId,
  nodeId: 0,
  kind: 'request',
  startMs,
  endMs,
  label: `GET /${traceId}/`,
  status: 200,
  error: false,
  nested: false,
  ...extra,
})

const palette = buildTimelinePalette(defaultTimelineTheme)
const frameOf = (
  layout: ReturnType<typeof layOutTimeline>,
  view = {startMs: 0, endMs: layout.domainMs},
): TimelineFrame => ({
  widthPx: 1000,
  heightPx: 200,
  dpr: 1,
  view,
  scrollTopPx: 0,
  laneHeightPx: laneHeightFor(200, layout.laneCount),
  palette,
  font: '11px monospace',
})

describe('drawTimeline', () => {
  it('fills each colour once, however many bars it has', () => {
    const items = Array.from({length: 200}, (_, i) =>
      item(`t${i}`, i * 10, i * 10 + 5, i % 2 ? {status: 500, error: true} : {}),
    )
    const layout = layOutTimeline(items)
    const ctx = new Recorder()
    const stats = drawTimeline(
      ctx.asContext(),
      frameOf(layout),
      layout,
      createTimelineScratch(),
      undefined,
    )
    expect(stats.visible).toBe(200)
    expect(ctx.fills.filter(f => f === palette.fills[0])).toHaveLength(1)
    expect(ctx.fills.filter(f => f === palette.fills[2])).toHaveLength(1)
  })

  it('skips bars that fall in a pixel already painted in their lane, never the first', () => {
    // 1,000 one-millisecond requests 10 ms apart fill the first 10 s of a 100 s axis: 100 px.
    const items = Array.from({length: 1000}, (_, i) => item(`t${i}`, i * 10, i * 10 + 1))
    items.push(item('far', 100_000, 100_001))
    const layout = layOutTimeline(items)
    const stats = drawTimeline(
      new Recorder().asContext(),
      frameOf(layout),
      layout,
      createTimelineScratch(),
      undefined,
    )
    expect(stats.visible).toBe(1001)
    expect(stats.drawn).toBe(101)
  })

  it('dims the bars of unselected traces and outlines the selected ones', () => {
    const layout = layOutTimeline([item('a', 0, 400), item('b', 500, 1000)])
    const ctx = new Recorder()
    drawTimeline(
      ctx.asContext(),
      frameOf(layout),
      layout,
      createTimelineScratch(),
      Uint8Array.from([1, 0]),
    )
    expect(ctx.fills).toContain(palette.fills[0])
    expect(ctx.fills).toContain(palette.fills[barStyleCount])
    expect(ctx.strokes).toBe(1)
  })

  it('labels bars wide enough for a label, with the status first', () => {
    const layout = layOutTimeline([item('wide', 0, 900), item('narrow', 950, 952)])
    const ctx = new Recorder()
    drawTimeline(ctx.asContext(), frameOf(layout), layout, createTimelineScratch(), undefined)
    const labels = ctx.texts.map(t => t.text)
    expect(labels).toContain('200 GET /wide/')
    expect(labels.some(t => t.includes('narrow'))).toBe(false)
  })

  it('maps lanes to rows and back', () => {
    const layout = layOutTimeline([item('a', 0, 10), item('b', 5, 15), item('c', 6, 16)])
    const frame = frameOf(layout)
    for (let i = 0; i < 3; i++) {
      const box = barBox(frame, layout, i)
      expect(laneAt(frame, box.y + 1)).toBe(layout.lane[i])
    }
  })
})
