import {describe, expect, it} from 'vitest'
import {callNorms, comparablePreview, outlierMarks, percentile, sparkline} from './index-stats'

describe('percentile', () => {
  it('interpolates between ranks like numpy', () => {
    const v = [1, 2, 3, 4, 10]
    expect(percentile(v, 50)).toBe(3)
    expect(percentile(v, 95)).toBeCloseTo(8.8)
    expect(percentile(v, 100)).toBe(10)
    expect(percentile(v, 0)).toBe(1)
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([], 50)).toBeUndefined()
  })
})

describe('sparkline', () => {
  it('keeps few points as they are, sorted by time', () => {
    const points = [
      {startMs: 20, durationMs: 2},
      {startMs: 10, durationMs: 1},
    ]
    expect(sparkline(points)).toEqual([points[1], points[0]])
  })

  it('buckets many points into means over equal time spans', () => {
    const points = Array.from({length: 100}, (_, i) => ({startMs: i, durationMs: i < 50 ? 1 : 3}))
    const line = sparkline(points, 4)
    expect(line.map(p => p.durationMs)).toEqual([1, 1, 3, 3])
    expect(line[0]!.startMs).toBe(0)
  })

  it('leaves out empty buckets', () => {
    const points = [
      ...Array.from({length: 5}, () => ({startMs: 0, durationMs: 1})),
      {startMs: 100, durationMs: 9},
    ]
    expect(sparkline(points, 3)).toEqual([
      {startMs: 0, durationMs: 1},
      {startMs: 200 / 3, durationMs: 9},
    ])
  })
})

describe('outlier marks', () => {
  const calls = (ns: number[], ret = 'None') =>
    ns.map(durationNs => ({durationNs, returnValue: ret}))

  it('marks a call far slower than the median, not a flat history', () => {
    const window = calls([10, 11, 9, 10, 12, 10, 100])
    const norms = callNorms(window)
    expect(norms.medianNs).toBe(10)
    expect(outlierMarks(window[6]!, norms)).toEqual(['slow'])
    expect(outlierMarks(window[4]!, norms)).toEqual([])
    const flat = calls([10, 10, 10, 10, 10, 10])
    expect(flat.map(c => outlierMarks(c, callNorms(flat)))).toEqual(flat.map(() => []))
  })

  it('marks an exception always, and an unusual return against the typical one', () => {
    const window = [
      ...calls([5, 5, 5, 5], '4.5'),
      {durationNs: 5, returnValue: 'None'},
      {durationNs: 5, exception: 'ValueError: x'},
    ]
    const norms = callNorms(window)
    expect(norms.typicalReturn).toBe('4.5')
    expect(outlierMarks(window[4]!, norms)).toEqual(['unusual-return'])
    expect(outlierMarks(window[5]!, norms)).toEqual(['exception'])
    expect(outlierMarks(window[0]!, norms)).toEqual([])
  })

  it('has no typical return when no value dominates, and judges nothing on few calls', () => {
    const varied = ['1', '2', '3', '4', '5', '6'].map(r => ({durationNs: 1, returnValue: r}))
    expect(callNorms(varied).typicalReturn).toBeUndefined()
    const few = [...calls([1, 1, 1]), {durationNs: 100, returnValue: 'x', exception: 'E: e'}]
    expect(outlierMarks(few[3]!, callNorms(few))).toEqual(['exception'])
  })

  it('compares returns without their memory addresses', () => {
    expect(comparablePreview('<Book object at 0x7f62cdd96560>')).toBe('<Book object at 0x…>')
    const window = ['0x1', '0x2', '0x3', '0x4', '0x5'].map(a => ({
      durationNs: 1,
      returnValue: `<Cart object at ${a}f00>`,
    }))
    const norms = callNorms(window)
    expect(window.map(c => outlierMarks(c, norms))).toEqual(window.map(() => []))
  })
})
