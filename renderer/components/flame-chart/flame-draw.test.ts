import {describe, expect, it} from 'vitest'
import {buildDepthIndex} from '../../../shared/algorithms/depth-index'
import {NodeFlag} from '../../../shared/model/node-kind'
import {buildFakeModel, buildWideModel} from '../../testing/fake-model'
import {buildPalette, colorCount, colorIndex, defaultTheme} from './flame-colors'
import {createScratch, depthAt, drawNodes, rowTop, visibleDepths} from './flame-draw'
import type {DrawFrame} from './flame-draw'
import {RecordingContext} from '../../testing/recording-context'
import {TextFitter} from './text-fitter'

const palette = buildPalette(defaultTheme)
const frame = (over: Partial<DrawFrame> = {}): DrawFrame => ({
  widthPx: 800,
  heightPx: 300,
  dpr: 1,
  view: {startNs: 0, endNs: 1},
  scrollTopPx: 0,
  rowHeightPx: 18,
  inverted: false,
  palette,
  ...over,
})

describe('row geometry', () => {
  it('maps depths to rows top-down, or bottom-up when inverted', () => {
    expect(rowTop(frame(), 2)).toBe(36)
    expect(rowTop(frame({scrollTopPx: 20}), 2)).toBe(16)
    expect(rowTop(frame({inverted: true}), 0)).toBe(282)
    expect(depthAt(frame(), 37)).toBe(2)
    expect(depthAt(frame({inverted: true}), 290)).toBe(0)
    expect(depthAt(frame({inverted: true}), 270)).toBe(1)
    expect(visibleDepths(frame(), 100)).toEqual([0, 16])
    expect(visibleDepths(frame({scrollTopPx: 180}), 12)).toEqual([10, 11])
  })
})

describe('drawNodes', () => {
  // 1 + 6 + 36 + 216 + 1296 + 7776 = 9331 rows, 6 levels.
  const model = buildWideModel('wide', 6, 5)
  const index = buildDepthIndex(model)
  const data = {cols: model, index, strings: model.strings}
  const domain = model.endNs[0]!

  it('batches one fill per colour and merges what is under a pixel', () => {
    const ctx = new RecordingContext()
    const stats = drawNodes(
      ctx.asContext(),
      frame({view: {startNs: 0, endNs: domain}}),
      data,
      createScratch(),
      undefined,
      undefined,
    )
    expect(stats.depths).toBe(6)
    expect(stats.fills).toBe(ctx.fills.length)
    expect(stats.fills).toBeLessThanOrEqual(4) // user-code frames: four shades
    // The deepest level has 7776 rows over 800 px: merged into runs, not drawn one by one.
    expect(stats.rects).toBeLessThan(2500)
    expect(stats.merged).toBeGreaterThan(5000)
    expect(ctx.rects).toBe(stats.rects)
  })

  it('coalesces a dense stretch into one rectangle whatever its colours', () => {
    const flat = buildFakeModel(
      'flat',
      Array.from({length: 5000}, (_, i) => ({
        name: `f${i % 7}`,
        kind: i % 3 ? 'frame' : 'sql',
        durationNs: 5,
      })),
    )
    const ctx = new RecordingContext()
    const view = {startNs: 0, endNs: flat.endNs[flat.nodeCount - 1]!}
    const stats = drawNodes(
      ctx.asContext(),
      frame({view}),
      {cols: flat, index: buildDepthIndex(flat), strings: flat.strings},
      createScratch(),
      undefined,
      undefined,
    )
    expect(stats.rects).toBe(1)
    expect(stats.merged).toBe(5000)
  })

  it('draws only the visible range when zoomed in', () => {
    const ctx = new RecordingContext()
    const start = model.startNs[2]!
    const stats = drawNodes(
      ctx.asContext(),
      frame({view: {startNs: start, endNs: start + domain / 1000}}),
      data,
      createScratch(),
      undefined,
      undefined,
    )
    expect(stats.rects).toBeLessThan(30)
    expect(stats.merged).toBe(0)
  })

  it('labels rectangles where text fits and truncates with an ellipsis', () => {
    const ctx = new RecordingContext()
    const fitter = new TextFitter(ctx.asContext())
    const stats = drawNodes(
      ctx.asContext(),
      frame({view: {startNs: 0, endNs: domain}}),
      data,
      createScratch(),
      fitter,
      undefined,
    )
    expect(stats.labels).toBe(ctx.texts.length)
    expect(ctx.texts[0]).toMatchObject({text: 'root', x: 3})
    for (const t of ctx.texts) expect(t.text.length).toBeGreaterThan(0)
    // Level 2 rows are 800 / 36 ≈ 22 px wide: room for 2 characters, "0.…" style.
    expect(ctx.texts.some(t => t.text.endsWith('…'))).toBe(true)
    // A second redraw measures nothing new: widths are cached.
    const measured = ctx.measured
    drawNodes(
      ctx.asContext(),
      frame({view: {startNs: 0, endNs: domain}}),
      data,
      createScratch(),
      fitter,
      undefined,
    )
    expect(ctx.measured).toBe(measured)
  })

  it('dims rows a search does not match, keeping matches in their colour', () => {
    const small = buildFakeModel('m', [
      {name: 'a', children: [{name: 'b'}, {name: 'c', kind: 'sql'}]},
    ])
    const ctx = new RecordingContext()
    const mask = Uint8Array.from([0, 0, 1])
    drawNodes(
      ctx.asContext(),
      frame({view: {startNs: 0, endNs: small.endNs[0]!}}),
      {cols: small, index: buildDepthIndex(small), strings: small.strings},
      createScratch(),
      undefined,
      mask,
    )
    const sql = palette.fills[colorIndex(2, 0, small.nameId[2]!, false)]!
    const dimUser = palette.fills[colorIndex(0, 0, 0, true)]!
    expect(ctx.fills).toContain(sql)
    expect(ctx.fills).toContain(dimUser)
  })
})

describe('colorIndex', () => {
  it('tells kinds, library code and the exception path apart', () => {
    const cls = (kind: number, flags = 0) => Math.floor(colorIndex(kind, flags, 7, false) / 5)
    expect(
      new Set([
        cls(0),
        cls(0, NodeFlag.library),
        cls(0, NodeFlag.exceptionPath),
        cls(1),
        cls(2),
        cls(3),
        cls(4),
        cls(5),
        cls(6),
      ]).size,
    ).toBe(9)
    expect(colorIndex(0, 0, 7, true) % 5).toBe(4)
    expect(palette.fills).toHaveLength(colorCount)
  })
})
