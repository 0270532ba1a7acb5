import {describe, expect, it} from 'vitest'
import {toggled} from './toggled'

describe('toggled', () => {
  it('adds a missing key and removes a present one, leaving the input as it was', () => {
    const before = new Set([1, 2])
    expect([...toggled(before, 3)]).toEqual([1, 2, 3])
    expect([...toggled(before, 1)]).toEqual([2])
    expect([...before]).toEqual([1, 2])
  })
})
