import type {Page} from 'playwright-core'

/** The page's globals the scripts below use (this file compiles without the DOM library). */
export interface PageWindow {
  requestAnimationFrame(callback: (timeMs: number) => void): number
  frameTimes: number[]
  stopFrames: boolean
}

/** Resolves after the next animation frame of the page. */
export const nextFrame = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>(resolve =>
        (globalThis as unknown as PageWindow).requestAnimationFrame(() => resolve()),
      ),
  )

/**
 * Scripted zooming and panning of the chart whose overlay has test id `chart` (its box is
 * `${chart}-container`); returns the redraw times (ms) and rAF frame intervals (ms).
 */
export async function interact(page: Page, chart = 'flame-canvas') {
  const box = (await page.getByTestId(chart).boundingBox())!
  await page.getByTestId(`${chart}-container`).press('0')
  await nextFrame(page)
  await page.evaluate(() => {
    performance.clearMeasures('flame-draw')
    performance.clearMeasures('flame-draw-flushed')
    const w = globalThis as unknown as PageWindow
    w.frameTimes = []
    w.stopFrames = false
    const tick = (t: number): void => {
      w.frameTimes.push(t)
      if (!w.stopFrames) w.requestAnimationFrame(tick)
    }
    w.requestAnimationFrame(tick)
  })
  const at = (fx: number, fy: number): [number, number] => [
    box.x + box.width * fx,
    box.y + box.height * fy,
  ]
  // Zoom in around three points, pan by dragging at several zoom levels, zoom back out.
  for (const fx of [0.3, 0.55, 0.8]) {
    await page.mouse.move(...at(fx, 0.3))
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, -160)
      await nextFrame(page)
    }
    for (const dx of [-0.25, 0.4, -0.3]) {
      const [x, y] = at(0.5, 0.4)
      await page.mouse.move(x, y)
      await page.mouse.down()
      for (let s = 1; s <= 10; s++) {
        await page.mouse.move(x + (box.width * dx * s) / 10, y + (s % 2 ? 6 : -6))
        await nextFrame(page)
      }
      await page.mouse.up()
    }
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 160)
      await nextFrame(page)
    }
  }
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow
    w.stopFrames = true
    const draws = performance.getEntriesByName('flame-draw').map(e => e.duration)
    const flushed = performance.getEntriesByName('flame-draw-flushed').map(e => e.duration)
    const frames = w.frameTimes.slice(1).map((t, i) => t - w.frameTimes[i]!)
    return {draws, flushed, frames}
  })
}
