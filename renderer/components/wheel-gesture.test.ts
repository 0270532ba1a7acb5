import {describe, expect, it} from 'vitest'
import {applyWheel} from './wheel-gesture'

function run(init: Partial<WheelEvent>): string[] {
  const calls: string[] = []
  const e = {
    deltaX: 0,
    deltaY: 0,
    deltaMode: 0,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...init,
  }
  applyWheel(e as WheelEvent, {clientHeight: 400} as HTMLElement, 16, 120, {
    zoom: (f, x) => calls.push(`zoom ${f.toFixed(3)} at ${x}`),
    pan: (dx, dy) => calls.push(`pan ${dx} ${dy}`),
  })
  return calls
}

describe('applyWheel', () => {
  it('zooms around the pointer on a vertical wheel, faster on a pinch', () => {
    expect(run({deltaY: 100})).toEqual([`zoom ${Math.exp(0.2).toFixed(3)} at 120`])
    expect(run({deltaY: -100, ctrlKey: true})).toEqual([`zoom ${Math.exp(-1).toFixed(3)} at 120`])
  })

  it('pans sideways on a horizontal wheel and vertically with Shift', () => {
    expect(run({deltaX: 30, deltaY: 5})).toEqual(['pan 30 0'])
    expect(run({deltaY: 40, shiftKey: true})).toEqual(['pan 0 40'])
  })

  it('turns line and page deltas into pixels', () => {
    expect(run({deltaX: 3, deltaMode: 1})).toEqual(['pan 48 0'])
    expect(run({deltaY: 1, deltaMode: 2, shiftKey: true})).toEqual(['pan 0 400'])
  })
})
