// @vitest-environment jsdom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {buildFakeModel} from '../../testing/fake-model'
import {FlameChartRenderer} from './flame-chart-renderer'
import {timeOrderSource} from '../../features/flame/flame-sources'
import {RecordingContext} from '../../testing/recording-context'

// root [0, 2030): a [10, 1010) with a1 [20, 520), then b [1020, 2020). Rows: 0 root, 1 a, 2 a1, 3 b.
const model = buildFakeModel('t', [
  {
    name: 'root',
    children: [
      {name: 'a', durationNs: 1000, children: [{name: 'a1', durationNs: 500}]},
      {name: 'b', durationNs: 1000},
    ],
  },
])
const domain = model.endNs[0]!

let contexts: Map<HTMLCanvasElement, RecordingContext>
let host: {
  container: HTMLDivElement
  nodes: HTMLCanvasElement
  overlay: HTMLCanvasElement
  tooltip: HTMLDivElement
}
let onSelect: ReturnType<typeof vi.fn<(row: number) => void>>
let onCycleMatch: ReturnType<typeof vi.fn<(step: 1 | -1) => void>>
let renderer: FlameChartRenderer

beforeEach(() => {
  contexts = new Map()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    if (!contexts.has(this)) contexts.set(this, new RecordingContext())
    return contexts.get(this)!.asContext()
  } as never)
  const box = {
    x: 0,
    y: 0,
    left: 0,
    top: 0,
    right: 1020,
    bottom: 180,
    width: 1020,
    height: 180,
    toJSON: () => ({}),
  }
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(box)
  host = {
    container: document.createElement('div'),
    nodes: document.createElement('canvas'),
    overlay: document.createElement('canvas'),
    tooltip: document.createElement('div'),
  }
  host.container.append(host.nodes, host.overlay, host.tooltip)
  document.body.append(host.container)
  onSelect = vi.fn<(row: number) => void>()
  onCycleMatch = vi.fn<(step: 1 | -1) => void>()
  renderer = new FlameChartRenderer(host, {onSelect, onCycleMatch})
  renderer.setSource(timeOrderSource(model))
  renderer.draw()
})

afterEach(() => {
  renderer.dispose()
  host.container.remove()
  vi.restoreAllMocks()
})

const view = () => [
  Number(host.container.dataset.viewStartNs),
  Number(host.container.dataset.viewEndNs),
]
const pointer = (type: string, x: number, y: number) =>
  host.overlay.dispatchEvent(
    new MouseEvent(type, {button: 0, clientX: x, clientY: y, bubbles: true}),
  )
const key = (k: string, shiftKey = false) =>
  host.container.dispatchEvent(new KeyboardEvent('keydown', {key: k, shiftKey, bubbles: true}))

describe('FlameChartRenderer', () => {
  it('paints the whole trace first, in physical pixels, and exposes the visible range', () => {
    expect(view()).toEqual([0, domain])
    expect(host.container.dataset.painted).toBe('true')
    expect(host.nodes.width).toBe(1020)
    expect(contexts.get(host.nodes)!.texts.map(t => t.text)).toContain('root')
  })

  it('zooms around the pointer with the wheel and keeps the anchor in place', () => {
    host.overlay.dispatchEvent(
      new WheelEvent('wheel', {deltaY: -200, clientX: 510, clientY: 10, cancelable: true}),
    )
    renderer.draw()
    const [start, end] = view()
    expect(end! - start!).toBeLessThan(domain * 0.7)
    expect((start! + end!) / 2).toBeCloseTo(domain / 2, -1)
  })

  it('pans with a drag and does not select', () => {
    renderer.zoom(0.5)
    renderer.draw()
    const before = renderer.getView()
    pointer('pointerdown', 500, 10)
    pointer('pointermove', 400, 10)
    pointer('pointerup', 400, 10)
    const after = renderer.getView()
    // Dragging the content left shows later times.
    expect(after.startNs - before.startNs).toBeCloseTo(100 * (domain / 2 / 1020), 6)
    expect(onSelect).not.toHaveBeenCalled()
  })

  it('selects the row under a click; hit-testing uses depth from y', () => {
    pointer('pointerdown', 100, 40) // depth 2, x 100 px ≈ 200 ns: a1
    pointer('pointerup', 100, 40)
    expect(onSelect).toHaveBeenLastCalledWith(2)
    pointer('pointerdown', 800, 20) // depth 1 at ≈ 1600 ns: b
    pointer('pointerup', 800, 20)
    expect(onSelect).toHaveBeenLastCalledWith(3)
  })

  it('zooms to a row on double click and resets with 0', () => {
    host.overlay.dispatchEvent(
      new MouseEvent('dblclick', {clientX: 800, clientY: 20, bubbles: true}),
    )
    renderer.draw()
    const [start, end] = view()
    // b [1020, 2020) with 2% margins, clamped to the trace's end.
    expect([start, end]).toEqual([990, 2030])
    key('0')
    renderer.draw()
    expect(view()).toEqual([0, domain])
  })

  it('zooms and pans with keys and cycles matches with Enter', () => {
    key('+')
    renderer.draw()
    const zoomed = view()
    expect(zoomed[1]! - zoomed[0]!).toBeCloseTo(domain * 0.8, 0)
    key('ArrowRight')
    renderer.draw()
    expect(view()[0]!).toBeGreaterThan(zoomed[0]!)
    key('a')
    key('-')
    renderer.draw()
    expect(view()).toEqual([0, domain])
    key('Enter')
    key('Enter', true)
    expect(onCycleMatch.mock.calls).toEqual([[1], [-1]])
  })

  it('outlines the selection on the overlay only and reveals it when asked', () => {
    renderer.zoom(0.1, 0)
    renderer.draw()
    const nodes = contexts.get(host.nodes)!
    const overlay = contexts.get(host.overlay)!
    nodes.reset()
    overlay.reset()
    renderer.setSelected(3, true) // b is off screen: the view moves to it
    renderer.draw()
    const [start, end] = view()
    expect(end).toBeGreaterThan(model.startNs[3]!)
    expect(start).toBeLessThan(model.endNs[3]!)
    expect(overlay.calls.filter(c => c.op === 'strokeRect')).toHaveLength(1)
    nodes.reset()
    renderer.setSelected(1)
    renderer.draw()
    expect(nodes.rects).toBe(0) // a selection alone repaints only the overlay
  })

  it('shows a tooltip with name, duration and self time on hover', () => {
    pointer('pointermove', 100, 20)
    expect(host.tooltip.hidden).toBe(false)
    expect(host.tooltip.textContent).toContain('a')
    expect(host.tooltip.textContent).toContain('1.00 µs total')
    expect(host.tooltip.textContent).toContain('500 ns self')
    host.overlay.dispatchEvent(new MouseEvent('pointerleave'))
    expect(host.tooltip.hidden).toBe(true)
  })
})
