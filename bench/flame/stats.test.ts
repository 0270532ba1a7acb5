import {describe, expect, it} from 'vitest'
import {percentile, summarize} from './stats'

describe('percentile', () => {
  it.each([
    [[], 0.5, NaN],
    [[7], 0.95, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[4, 3, 2, 1], 0.75, 3],
    [Array.from({length: 100}, (_, i) => i + 1), 0.95, 95],
    [Array.from({length: 20}, (_, i) => i + 1), 0.95, 19],
  ])('%j at %f -> %f', (values, q, expected) => {
    expect(percentile(values, q)).toBe(expected)
  })

  it('summarizes', () => {
    expect(summarize([5, 1, 9, 3])).toEqual({p50: 3, p95: 9, max: 9})
  })
})
