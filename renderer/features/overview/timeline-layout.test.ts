import {describe, expect, it} from 'vitest'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {BarStyle, forEachInRange, layOutTimeline, styleOf, tracesInRange} from './timeline-layout'

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

// a and b overlap; c starts when a ended; t is a test whose request r runs inside it.
const items = [
  item('a', 1000, 1010),
  item('b', 1005, 1020, {status: 404}),
  item('c', 1010, 1012, {status: 500, error: true}),
  item('t', 1030, 1050, {kind: 'test', label: 'test_x', status: undefined}),
  item('t', 1035, 1040, {nested: true, nodeId: 5}),
]

describe('layOutTimeline', () => {
  const l = layOutTimeline(items)

  it('measures from the earliest start and spans to the latest end', () => {
    expect(l.originMs).toBe(1000)
    expect(l.domainMs).toBe(50)
    expect(Array.from(l.startMs)).toEqual([0, 5, 10, 30, 35])
  })

  it('puts overlapping items on separate lanes, and reuses a lane once it is free', () => {
    expect(l.lane[0]).not.toBe(l.lane[1])
    expect(l.lane[2]).toBe(l.lane[0])
    expect(l.laneCount).toBe(2)
  })

  it("draws a nested item in its parent's lane", () => {
    expect(l.nested[4]).toBe(1)
    expect(l.lane[4]).toBe(l.lane[3])
    expect(l.nested[3]).toBe(0)
  })

  it('styles by status, error and kind', () => {
    expect(Array.from(l.style)).toEqual([
      BarStyle.ok,
      BarStyle.client,
      BarStyle.error,
      BarStyle.test,
      BarStyle.ok,
    ])
    expect(styleOf(item('j', 0, 1, {kind: 'job', status: undefined}))).toBe(BarStyle.job)
    expect(styleOf(item('j', 0, 1, {kind: 'test', error: true}))).toBe(BarStyle.error)
  })

  it('lists each trace once, in item order', () => {
    expect(l.traceIds).toEqual(['a', 'b', 'c', 't'])
  })

  it('finds the items that overlap a range, long ones starting before it included', () => {
    const seen: number[] = []
    forEachInRange(l, 12, 16, i => seen.push(i))
    expect(seen.sort()).toEqual([1, 2])
    expect(tracesInRange(l, 31, 32)).toEqual(['t'])
    expect(tracesInRange(l, 21, 29)).toEqual([])
  })

  it('lays out nothing without items', () => {
    const empty = layOutTimeline([])
    expect(empty.count).toBe(0)
    expect(empty.laneCount).toBe(0)
    expect(empty.domainMs).toBe(1)
  })
})
