import {describe, expect, it} from 'vitest'
import {assignLanes} from './timeline-lanes'

const s = (startMs: number, endMs: number) => ({startMs, endMs})

describe('assignLanes', () => {
  it('keeps spans that do not overlap on one lane', () => {
    const {lane, laneCount} = assignLanes([s(0, 10), s(10, 20), s(25, 30)])
    expect([...lane]).toEqual([0, 0, 0])
    expect(laneCount).toBe(1)
  })

  it('moves overlapping spans to new lanes and reuses the lowest free one', () => {
    // a 0–100 long; b 10–20 and c 30–40 overlap a only; d 15–35 overlaps a, b and c.
    const {lane, laneCount} = assignLanes([s(0, 100), s(10, 20), s(30, 40), s(15, 35)])
    expect([...lane]).toEqual([0, 1, 1, 2])
    expect(laneCount).toBe(3)
  })

  it('gives lanes in input order even when the input is not sorted by start', () => {
    // Sorted: 0–55 on lane 0, 5–6 on lane 1, then 50–60 takes lane 1 (free again since 6).
    const {lane} = assignLanes([s(50, 60), s(0, 55), s(5, 6)])
    expect([...lane]).toEqual([1, 0, 1])
  })

  it('needs as many lanes as spans open at one instant', () => {
    const spans = Array.from({length: 200}, (_, i) =>
      s((i * 7) % 97, ((i * 7) % 97) + 10 + (i % 13)),
    )
    const {lane, laneCount} = assignLanes(spans)
    let most = 0
    for (const t of spans.map(x => x.startMs)) {
      most = Math.max(most, spans.filter(x => x.startMs <= t && x.endMs > t).length)
    }
    expect(laneCount).toBe(most)
    // No two spans on one lane overlap.
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        if (lane[i] !== lane[j]) continue
        const [a, b] = [spans[i]!, spans[j]!]
        expect(a.endMs <= b.startMs || b.endMs <= a.startMs).toBe(true)
      }
    }
  })

  it('keeps a gap between bars on one lane when asked', () => {
    expect([...assignLanes([s(0, 10), s(11, 20)], 2).lane]).toEqual([0, 1])
    expect([...assignLanes([s(0, 10), s(12, 20)], 2).lane]).toEqual([0, 0])
  })

  it('handles no spans and zero-length spans', () => {
    expect(assignLanes([]).laneCount).toBe(0)
    expect([...assignLanes([s(5, 5), s(5, 5)]).lane]).toEqual([0, 0])
  })
})
