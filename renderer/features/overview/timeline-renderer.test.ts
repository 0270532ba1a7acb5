// @vitest-environment jsdom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import type {TimelineItem} from '../../../shared/project-index/index-types'
import {RecordingContext} from '../../testing/recording-context'
import {attachTimelineInput} from './timeline-input'
import {layOutTimeline} from './timeline-layout'
import {TimelineRenderer} from './timeline-renderer'
import type {TimelineCallbacks} from './timeline-renderer'

class Recorder extends RecordingContext {
  stroke(): void {}
  moveTo(): void {}
  lineTo(): void {}
  setLineDash(): void {}
  createPattern(): undefined {
    return undefined
  }
  getImageData(): undefined {
    return undefined
  }
}

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

// Three requests over one second; b overlaps a (lane 1).
const items = [item('a', 10_000, 10_400), item('b', 10_200, 10_600), item('c', 10_700, 11_000)]

let host: {
  container: HTMLDivElement
  bars: HTMLCanvasElement
  overlay: HTMLCanvasElement
  tooltip: HTMLDivElement
}
let callbacks: {[K in keyof TimelineCallbacks]: ReturnType<typeof vi.fn>}
let renderer: TimelineRenderer
let detach: () => void

beforeEach(() => {
  const contexts = new Map<HTMLCanvasElement, Recorder>()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    if (!contexts.has(this)) contexts.set(this, new Recorder())
    return contexts.get(this)!.asContext()
  } as never)
  const box = {
    x: 0,
    y: 0,
    left: 0,
    top: 0,
    right: 1000,
    bottom: 200,
    width: 1000,
    height: 200,
    toJSON: () => ({}),
  }
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(box)
  host = {
    container: document.createElement('div'),
    bars: document.createElement('canvas'),
    overlay: document.createElement('canvas'),
    tooltip: document.createElement('div'),
  }
  host.container.append(host.bars, host.overlay, host.tooltip)
  document.body.append(host.container)
  callbacks = {
    onOpen: vi.fn(),
    onBrush: vi.fn(),
    onClearSelection: vi.fn(),
    onFocusItem: vi.fn(),
    onViewChanged: vi.fn(),
  }
  renderer = new TimelineRenderer(host, callbacks as unknown as TimelineCallbacks)
  detach = attachTimelineInput(renderer, host)
  renderer.setLayout(layOutTimeline(items))
  renderer.draw()
})

afterEach(() => {
  detach()
  renderer.dispose()
  host.container.remove()
  vi.restoreAllMocks()
})

const pointer = (type: string, x: number, y: number, shiftKey = false) =>
  host.overlay.dispatchEvent(
    new MouseEvent(type, {button: 0, clientX: x, clientY: y, shiftKey, bubbles: true}),
  )
const key = (k: string, shiftKey = false) =>
  host.container.dispatchEvent(new KeyboardEvent('keydown', {key: k, shiftKey, bubbles: true}))
const view = () => [
  Number(host.container.dataset.viewStartMs),
  Number(host.container.dataset.viewEndMs),
]

describe('TimelineRenderer', () => {
  it('says what it drew on the container', () => {
    expect(host.container.dataset.painted).toBe('true')
    expect(host.container.dataset.itemCount).toBe('3')
    expect(host.container.dataset.traceCount).toBe('3')
    expect(host.container.dataset.laneCount).toBe('2')
    expect(view()).toEqual([10_000, 11_000])
    expect(callbacks.onViewChanged).toHaveBeenCalledWith(10_000, 11_000)
  })

  it('opens the item clicked', () => {
    const frame = renderer.frame()
    const y = 26 + frame.laneHeightPx / 2
    pointer('pointerdown', 100, y)
    pointer('pointerup', 100, y)
    expect(callbacks.onOpen).toHaveBeenCalledWith(items[0])
  })

  it('brushes a time range with Shift+drag', () => {
    const y = 60
    pointer('pointerdown', 100, y, true)
    pointer('pointermove', 300, y, true)
    pointer('pointerup', 300, y, true)
    expect(callbacks.onBrush).toHaveBeenCalledWith(10_100, 10_300)
    expect(callbacks.onOpen).not.toHaveBeenCalled()
  })

  it('zooms with the keys and the wheel, and shows everything again with 0', () => {
    key('+')
    renderer.draw()
    const [s, e] = view()
    expect(e! - s!).toBe(800)
    host.overlay.dispatchEvent(
      new WheelEvent('wheel', {deltaY: -500, clientX: 500, bubbles: true, cancelable: true}),
    )
    renderer.draw()
    expect(view()[1]! - view()[0]!).toBeLessThan(800)
    key('0')
    renderer.draw()
    expect(view()).toEqual([10_000, 11_000])
  })

  it('moves the keyboard focus through the items in time and opens the focused one', () => {
    key('ArrowRight')
    expect(callbacks.onFocusItem).toHaveBeenLastCalledWith(items[0])
    key('ArrowRight')
    expect(callbacks.onFocusItem).toHaveBeenLastCalledWith(items[1])
    key('End')
    expect(callbacks.onFocusItem).toHaveBeenLastCalledWith(items[2])
    key('Enter')
    expect(callbacks.onOpen).toHaveBeenCalledWith(items[2])
    key('Escape')
    expect(callbacks.onClearSelection).toHaveBeenCalled()
  })

  it('selects what is in view with Shift+Enter', () => {
    key('Enter', true)
    expect(callbacks.onBrush).toHaveBeenCalledWith(10_000, 11_000)
  })

  it('keeps a zoomed view on its wall-clock range when new items arrive, and a whole view whole', () => {
    renderer.setLayout(layOutTimeline([...items, item('d', 12_000, 12_100)]))
    renderer.draw()
    expect(view()).toEqual([10_000, 12_100])
    renderer.setView({startMs: 100, endMs: 300})
    renderer.setLayout(
      layOutTimeline([item('z', 9_000, 9_050), ...items, item('d', 12_000, 12_100)]),
    )
    renderer.draw()
    expect(view()).toEqual([10_100, 10_300])
  })
})
