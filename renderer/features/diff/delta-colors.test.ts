import {describe, expect, it} from 'vitest'
import {defaultNoise} from '../../../shared/diff/alignment'
import {defaultTheme} from '../../components/flame-chart/flame-colors'
import {colorCount} from '../../components/flame-chart/flame-colors'
import {scopedSelfTimes} from '../../../shared/diff/diff-flame'
import {DeltaColor, deltaColorCount, deltaColorIndices} from './delta-colors'
import {deltaPalette} from './delta-palette'

const ms = 1e6

describe('the diff flame colours', () => {
  it('has one fill per colour index, within what the chart buckets', () => {
    const palette = deltaPalette(defaultTheme)
    expect(palette.fills).toHaveLength(deltaColorCount)
    expect(palette.labels).toHaveLength(deltaColorCount)
    expect(deltaColorCount).toBeLessThanOrEqual(colorCount)
  })

  it('colours by the change: within the noise grey, else a step by size; added always', () => {
    // B rows: 0 matched +20 ms (the largest), 1 matched +0.5 ms (noise), 2 added 2 ms,
    // 3 matched −6 ms, 4 outside the compared subtree.
    const colors = deltaColorIndices(
      {
        ownNs: Float64Array.from([40, 10, 2, 4, 9].map(v => v * ms)),
        deltaNs: Float64Array.from([20, 0.5, 2, -6, 0].map(v => v * ms)),
        counterpart: Int32Array.from([0, 1, -1, 3, 4]),
        scope: {start: 0, end: 4},
        side: 'b',
      },
      defaultNoise,
    )
    expect(colors[0]).toBe(DeltaColor.same + 4)
    expect(colors[1]).toBe(DeltaColor.same)
    // sqrt(2/20) = 0.32: the second step of slower, though 2 ms alone.
    expect(colors[2]).toBe(DeltaColor.same + 2)
    // sqrt(6/20) = 0.55: the third step of faster.
    expect(colors[3]).toBe(DeltaColor.same - 3)
    expect(colors[4]).toBe(DeltaColor.outside)
  })

  it('reads A rows from the before: a removed row is faster by all its time', () => {
    const colors = deltaColorIndices(
      {
        ownNs: Float64Array.from([10 * ms, 3 * ms]),
        deltaNs: Float64Array.from([-3 * ms, -3 * ms]),
        counterpart: Int32Array.from([0, -1]),
        scope: {start: 0, end: 2},
        side: 'a',
      },
      defaultNoise,
    )
    expect(colors[0]).toBe(DeltaColor.same - 4)
    expect(colors[1]).toBe(DeltaColor.same - 4)
  })

  it('takes self times as a duration minus the children’s', () => {
    const model = {
      startNs: Float64Array.from([0, 1, 5]),
      endNs: Float64Array.from([10, 4, 9]),
      parent: Int32Array.from([-1, 0, 0]),
    }
    expect(Array.from(scopedSelfTimes(model, {start: 0, end: 3}))).toEqual([3, 3, 4])
  })
})
