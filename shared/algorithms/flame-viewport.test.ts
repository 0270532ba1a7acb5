import {describe, expect, it} from 'vitest'
import {clampView, panView, revealRange, viewAround, zoomView} from './flame-viewport'

const v = (startNs: number, endNs: number) => ({startNs, endNs})

describe('clampView', () => {
  it.each([
    [v(0, 100), 1000, 1, v(0, 100)],
    [v(-50, 50), 1000, 1, v(0, 100)],
    [v(950, 1050), 1000, 1, v(900, 1000)],
    [v(-10, 2000), 1000, 1, v(0, 1000)],
    [v(10, 10), 1000, 5, v(10, 15)],
    [v(0, 100), 0, 1, v(0, 1)],
    [v(NaN, NaN), 1000, 1, v(0, 1000)],
  ])('%o in [0, %i] min %i -> %o', (view, domain, minSpan, expected) => {
    expect(clampView(view, domain, minSpan)).toEqual(expected)
  })
})

describe('zoomView', () => {
  it.each([
    // view, factor, anchor, expected
    [v(0, 1000), 0.5, 500, v(250, 750)],
    [v(0, 1000), 0.5, 0, v(0, 500)],
    [v(0, 1000), 0.5, 1000, v(500, 1000)],
    [v(200, 400), 2, 300, v(100, 500)],
    [v(200, 400), 10, 300, v(0, 1000)],
    [v(0, 1000), 1e-9, 400, v(396, 406)], // min span 10, anchor stays at 40%
  ])('%o by %f around %i -> %o', (view, factor, anchor, expected) => {
    expect(zoomView(view, factor, anchor, 1000, 10)).toEqual(expected)
  })

  it('keeps the anchor at the same screen fraction', () => {
    const z = zoomView(v(100, 300), 0.8, 150, 1000, 1)
    expect((150 - z.startNs) / (z.endNs - z.startNs)).toBeCloseTo(0.25, 12)
  })
})

describe('panView', () => {
  it.each([
    [v(100, 200), 50, v(150, 250)],
    [v(100, 200), -150, v(0, 100)],
    [v(100, 200), 5000, v(900, 1000)],
  ])('%o by %i -> %o', (view, delta, expected) => {
    expect(panView(view, delta, 1000, 1)).toEqual(expected)
  })
})

describe('viewAround and revealRange', () => {
  it('frames a node with padding', () => {
    expect(viewAround(400, 500, 0.1, 1000, 1)).toEqual(v(390, 510))
    expect(viewAround(0, 1000, 0.1, 1000, 1)).toEqual(v(0, 1000))
    expect(viewAround(500, 500, 0, 1000, 10)).toEqual(v(495, 505))
  })

  it.each([
    // view, node, expected
    [v(0, 100), [10, 20], v(0, 100)], // already visible
    [v(0, 100), [150, 160], v(70, 170)], // shift right, 10% margin
    [v(500, 600), [450, 460], v(440, 540)], // shift left
    [v(100, 200), [0, 1000], v(100, 200)], // wider than the view and overlapping: stay
    [v(100, 200), [300, 800], v(300, 400)], // wider and elsewhere: show its start
  ])('%o revealing %o -> %o', (view, [s, e], expected) => {
    expect(revealRange(view, s!, e!, 1000, 1)).toEqual(expected)
  })
})
