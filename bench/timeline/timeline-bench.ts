import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import type {Page} from 'playwright-core'
import {chromiumPath, launchBrowser, openPage} from '../../e2e/support/browser'
import {startServe} from '../../e2e/support/serve'
import {summarize} from '../flame/stats'
import {generateIndexProject} from '../project-index/generate-project'

/**
 * The overview timeline benchmark: a generated project of 5,000 request traces, served by
 * `serve` (which builds its index at start-up), opened in headless Chromium. Once the timeline
 * shows every trace, a script zooms with the wheel, pans by dragging and brushes a selection;
 * the renderer's own `timeline-draw` measures (drawTimeline: culling, bucketing, one path per
 * colour, labels, axis) give the redraw times, and `timeline-draw-flushed` the same plus the
 * raster Chromium does when a pixel is read back. It never fails on a figure.
 */

/** What to run. */
export interface TimelineBenchArgs {
  traces: number
  meanCalls: number
  keep: boolean
  shots: string | undefined
}

const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

/** The page's globals the scripts below use (this file compiles without the DOM library). */
interface PageWindow {
  requestAnimationFrame(callback: (timeMs: number) => void): number
  localStorage: {setItem(key: string, value: string): void}
}

const nextFrame = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>(resolve =>
        (globalThis as unknown as PageWindow).requestAnimationFrame(() => resolve()),
      ),
  )

interface Pass {
  draws: number[]
  flushed: number[]
}

/** Zoom in around three points, drag-pan at each zoom, zoom back out; then brush a range. */
async function interact(page: Page, brush: boolean): Promise<Pass> {
  const timeline = page.getByTestId('timeline')
  const box = (await page.getByTestId('timeline-overlay').boundingBox())!
  await timeline.press('0')
  await nextFrame(page)
  await page.evaluate(() => {
    performance.clearMeasures('timeline-draw')
    performance.clearMeasures('timeline-draw-flushed')
  })
  const at = (fx: number, fy: number): [number, number] => [
    box.x + box.width * fx,
    box.y + box.height * fy,
  ]
  for (const fx of [0.2, 0.5, 0.85]) {
    await page.mouse.move(...at(fx, 0.5))
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, -200)
      await nextFrame(page)
    }
    for (const dx of [-0.3, 0.45]) {
      const [x, y] = at(0.5, 0.6)
      await page.mouse.move(x, y)
      await page.mouse.down()
      for (let s = 1; s <= 10; s++) {
        await page.mouse.move(x + (box.width * dx * s) / 10, y)
        await nextFrame(page)
      }
      await page.mouse.up()
    }
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 200)
      await nextFrame(page)
    }
  }
  if (brush) {
    // Shift+drag across the middle: the selection outlines its bars and dims the rest.
    const [x, y] = at(0.3, 0.6)
    await page.keyboard.down('Shift')
    await page.mouse.move(x, y)
    await page.mouse.down()
    for (let s = 1; s <= 10; s++) {
      await page.mouse.move(x + (box.width * 0.4 * s) / 10, y)
      await nextFrame(page)
    }
    await page.mouse.up()
    await page.keyboard.up('Shift')
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -200)
      await nextFrame(page)
    }
    await timeline.press('0')
    await nextFrame(page)
  }
  return page.evaluate(() => ({
    draws: performance.getEntriesByName('timeline-draw').map(e => e.duration),
    flushed: performance.getEntriesByName('timeline-draw-flushed').map(e => e.duration),
  }))
}

/** Runs the benchmark and prints its figures. */
export async function runTimelineBench(args: TimelineBenchArgs): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-timeline-bench-'))
  console.log(`Overview timeline benchmark — headless Chromium (${chromiumPath})`)
  console.log(
    `  ${cpus().length} CPUs, load average ${loadavg()
      .map(n => fmt(n))
      .join(' ')}`,
  )
  const g = generateIndexProject(root, {
    traces: args.traces,
    meanCalls: args.meanCalls,
    seed: 7,
  })
  console.log(
    `  generated ${g.traces.toLocaleString('en-US')} traces, ${g.calls.toLocaleString('en-US')} calls (${fmt(g.generateMs / 1000)} s)`,
  )
  const started = performance.now()
  const server = await startServe([g.project], {timeoutMs: 900_000})
  const browser = await launchBrowser()
  try {
    const {page} = await openPage(browser, server.url)
    // Turn on the renderer's flush timing (see TimelineRenderer), then reload with it set.
    await page.evaluate(() =>
      (globalThis as unknown as PageWindow).localStorage.setItem('kolo-timeline-flush-timing', '1'),
    )
    await page.reload()
    await page.locator('[data-testid=index-status][data-phase=done]').waitFor({timeout: 1_800_000})
    const timeline = page.locator(
      `[data-testid=timeline][data-painted=true][data-trace-count="${args.traces}"]`,
    )
    await timeline.waitFor({timeout: 120_000})
    const lanes = await timeline.getAttribute('data-lane-count')
    const items = await timeline.getAttribute('data-item-count')
    const canvas = (await page.getByTestId('timeline-overlay').boundingBox())!
    console.log(
      `  serve started, index built, timeline painted after ${fmt((performance.now() - started) / 1000)} s`,
    )
    console.log(
      `  timeline: ${items} items in ${lanes} lanes, canvas ${Math.round(canvas.width)}×${Math.round(canvas.height)} CSS px`,
    )
    if (args.shots) {
      mkdirSync(args.shots, {recursive: true})
      await page.screenshot({path: path.join(args.shots, 'bench-timeline.png')})
    }
    // Two passes of the same script: the first includes JIT warm-up; the second brushes too.
    for (const pass of [1, 2]) {
      const {draws, flushed} = await interact(page, pass === 2)
      const d = summarize(draws)
      const f = summarize(flushed)
      console.log(
        `  pass ${pass} redraw, JS   (${draws.length}) p50 ${fmt(d.p50, 2)} ms · p95 ${fmt(d.p95, 2)} ms · max ${fmt(d.max)} ms   target p95 ≤ 16 ms`,
      )
      console.log(
        `  pass ${pass} redraw + raster   p50 ${fmt(f.p50, 2)} ms · p95 ${fmt(f.p95, 2)} ms · max ${fmt(f.max)} ms (getImageData forces the raster)`,
      )
    }
    if (args.shots) await page.screenshot({path: path.join(args.shots, 'bench-timeline-after.png')})
  } finally {
    await browser.close()
    await server.stop()
    if (args.keep) console.log(`kept ${root}`)
    else rmSync(root, {recursive: true, force: true})
  }
}
