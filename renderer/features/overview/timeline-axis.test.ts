import {describe, expect, it} from 'vitest'
import {spanLabel, tickLabel, tickStep, timeTicks} from './timeline-axis'

// Local times are asserted, so the suite pins the zone (vitest runs each file in its own process).
process.env.TZ = 'UTC'

describe('time axis', () => {
  it('picks the smallest step that keeps ticks apart', () => {
    expect(tickStep(1, 90)).toBe(100)
    expect(tickStep(10, 110)).toBe(2000)
    expect(tickStep(0.001, 100)).toBe(0.1)
    expect(tickStep(1e9, 100)).toBe(365 * 24 * 3600 * 1000)
  })

  it('labels ticks with as much precision as the step needs', () => {
    const at = Date.UTC(2024, 0, 3, 14, 5, 9, 250)
    expect(tickLabel(at, 24 * 3600 * 1000)).toBe('2024-01-03')
    expect(tickLabel(at, 60_000)).toBe('14:05')
    expect(tickLabel(at, 1000)).toBe('14:05:09')
    expect(tickLabel(at, 50)).toBe('14:05:09.25')
    expect(tickLabel(at, 5)).toBe('14:05:09.250')
  })

  it('aligns ticks to the step', () => {
    const from = Date.UTC(2024, 0, 3, 14, 5, 9, 250)
    const ticks = timeTicks(from, from + 10_000, 1000)
    expect(ticks.length).toBeGreaterThan(3)
    for (const t of ticks) expect(t.atMs % 1000).toBe(0)
    expect(ticks[0]!.atMs).toBe(Date.UTC(2024, 0, 3, 14, 5, 10))
    expect(ticks[0]!.label).toBe('14:05:10')
  })

  it('draws no ticks for an empty range or width', () => {
    expect(timeTicks(5, 5, 100)).toEqual([])
    expect(timeTicks(0, 5, 0)).toEqual([])
  })

  it('says spans in the unit that reads best', () => {
    expect(spanLabel(0.85)).toBe('850 µs')
    expect(spanLabel(12.34)).toBe('12.3 ms')
    expect(spanLabel(4560)).toBe('4.56 s')
    expect(spanLabel(125_000)).toBe('2m 05s')
    expect(spanLabel(3 * 3600_000 + 60_000)).toBe('3h 01m')
  })
})
