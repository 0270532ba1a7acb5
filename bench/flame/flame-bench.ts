import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {chromium} from 'playwright-core'
import type {Page} from 'playwright-core'
import {generateFibStore, generateFibV3Store} from '../generate'
import type {BigStore} from '../generate'
import {diffLabel, diffPair, measureDiffFlame} from './diff-flame-bench'
import {interact} from './flame-interact'
import {percentile, summarize} from './stats'

/**
 * The flame chart benchmark: synthetic stores of 500k and 1.7M records, served by `serve`, opened
 * in headless Chromium. Prints the time from opening a trace to the first flame chart paint (and
 * from the model being ready to that paint), then p50/p95 of redraws while a script zooms with
 * the wheel and pans by dragging, plus the left-heavy merge time. It never fails on a figure.
 *
 *   node bench/flame/run.mjs [--small] [--10m] [--only LABEL] [--shots DIR] [--keep]
 */

export interface Args {
  small: boolean
  /** Also the 10M-record Kolo 3.x container. */
  big?: boolean
  tiny: boolean
  /** Measure only the store with this label (both are still generated and served). */
  only: string | undefined
  keep: boolean
  shots: string | undefined
  repo: string
}

const chromiumPath = process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium'
const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

async function startServe(repo: string, projects: string[], cacheHome: string) {
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      path.join(repo, 'dist/main/cli.js'),
      'serve',
      ...projects,
      '--port',
      '0',
    ],
    {
      env: {...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s))
  const url = await new Promise<string>((resolve, reject) => {
    // serve summarizes each store before it listens: minutes for 1.7M records on a busy machine.
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`serve printed no URL in 15 minutes: ${out}`))
    }, 900_000)
    child.stdout.on('data', () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    })
    child.once('exit', code => reject(new Error(`serve exited (${String(code)}): ${out}`)))
  })
  return {url, stop: () => child.kill('SIGTERM')}
}

/**
 * Opens `store` as a user does: the tree tab active, the trace clicked; once the tree painted its
 * first rows (the preview), the flame tab, which says "loading x%" until the whole model is in.
 * Returns, from the click: the tree's first rows, the whole trace painted, the model ready in the
 * flame view and its first paint (ms), and the parts of that paint.
 */
async function openTrace(page: Page, store: BigStore) {
  // The sidebar lists the projects (an older shell had a picker in the header instead).
  const project = page.locator('[data-testid=project-row]').filter({
    has: page.locator('.project-name', {hasText: new RegExp(`^${store.label}$`)}),
  })
  if ((await project.count()) > 0) await project.click()
  else if ((await page.locator('.project-select').count()) > 0) {
    await page.locator('.project-select').selectOption({label: store.label})
  }
  const row = page.locator(`[data-testid=trace-row][data-trace-id="${store.traceId}"]`)
  await row.waitFor()
  await page.getByTestId('tab-tree').click()
  const t0 = await row.evaluate(el => {
    performance.clearMarks()
    performance.clearMeasures()
    const now = performance.now()
    ;(el as unknown as {click(): void}).click()
    return now
  })
  const failedOr = (mark: string) =>
    page.waitForFunction(
      name =>
        performance.getEntriesByName(name).length > 0 ||
        (
          globalThis as unknown as {document: {querySelector(s: string): unknown}}
        ).document.querySelector('[data-testid=error]') !== null,
      mark,
      {timeout: 1_200_000, polling: 50},
    )
  const failed = async (): Promise<void> => {
    const error = page.getByTestId('error')
    if ((await error.count()) > 0) {
      throw new Error(`loading ${store.label} failed: ${await error.first().innerText()}`)
    }
  }
  await failedOr('tree-first-rows')
  await failed()
  const previewed = await page.evaluate(() => {
    const mark = performance.getEntriesByName('tree-first-rows')[0] as
      {detail?: {partial?: boolean}} | undefined
    return mark?.detail?.partial === true
  })
  // The flame tab while the rest loads; then wait for its first paint.
  await page.getByTestId('tab-flame').click()
  const pendingShown = await page
    .getByTestId('whole-pending')
    .count()
    .then(n => n > 0)
  await failedOr('flame-first-paint')
  await failed()
  const [rows, whole, ready, paint, index, draw, mounted] = await page.evaluate(() => [
    performance.getEntriesByName('tree-first-rows')[0]?.startTime ?? NaN,
    performance.getEntriesByName('trace-ready')[0]?.startTime ?? NaN,
    performance.getEntriesByName('flame-model-ready')[0]?.startTime ?? NaN,
    performance.getEntriesByName('flame-first-paint')[0]?.startTime ?? NaN,
    performance.getEntriesByName('flame-depth-index')[0]?.duration ?? NaN,
    performance.getEntriesByName('flame-draw')[0]?.duration ?? NaN,
    performance.getEntriesByName('flame-renderer-mounted')[0]?.startTime ?? NaN,
  ])
  return {
    openToFirstRows: rows - t0,
    previewed,
    pendingShown,
    openToWhole: whole - t0,
    openToReady: ready - t0,
    readyToPaint: paint - ready,
    openToPaint: paint - t0,
    indexMs: index,
    firstDrawMs: draw,
    mountMs: mounted - ready,
  }
}

async function leftHeavy(page: Page): Promise<number> {
  const t0 = await page.evaluate(() => {
    performance.clearMarks('flame-first-paint')
    return performance.now()
  })
  await page.getByTestId('flame-mode-left-heavy').click()
  await page
    .locator('[data-flame-mode=left-heavy] [data-testid=flame-canvas-container][data-painted=true]')
    .waitFor({timeout: 600_000})
  const t1 = await page.evaluate(() => performance.now())
  await page.getByTestId('flame-mode-time').click()
  await page
    .locator('[data-flame-mode=time] [data-testid=flame-canvas-container][data-painted=true]')
    .waitFor()
  return t1 - t0
}

/** Runs the benchmark and prints its figures. */
export async function runFlameBench(args: Args): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-flame-bench-'))
  const cacheHome = path.join(root, 'cache')
  mkdirSync(cacheHome)
  console.log(
    `Flame chart benchmark — headless Chromium (${chromiumPath}), scripted wheel and drag`,
  )
  console.log(
    `  ${cpus().length} CPUs, load average ${loadavg()
      .map(n => fmt(n, 1))
      .join(' ')}`,
  )
  // --tiny checks the bench itself in seconds; its figures mean nothing.
  const sizes: [string, number][] = args.tiny
    ? [
        ['fib-5k', 5_000],
        ['fib-20k', 20_000],
      ]
    : args.small
      ? [['fib-250k', 250_000]]
      : [
          ['fib-250k', 250_000],
          ['fib-850k', 850_000],
        ]
  const stores = sizes.map(([label, calls]) => {
    const store = generateFibStore(root, label, calls)
    console.log(
      `  generated ${label}: ${store.records.toLocaleString('en-US')} records (${fmt(store.generateMs / 1000)} s)`,
    )
    return store
  })
  if (args.big) {
    // --10m: also the 10M-record Kolo 3.x container (2.9 GB on disk, a minute to generate).
    const store = generateFibV3Store(root, 'fib-5m-v3', 5_000_000)
    console.log(
      `  generated ${store.label}: ${store.records.toLocaleString('en-US')} records (${fmt(store.generateMs / 1000)} s)`,
    )
    stores.push(store)
  }
  // The diff flame: two traces of one endpoint that differ in a few places (bench/diff's pairs).
  const pair =
    args.only === undefined || args.only === diffLabel(args) ? diffPair(root, args) : undefined
  let server: Awaited<ReturnType<typeof startServe>>
  try {
    const started = performance.now()
    server = await startServe(
      args.repo,
      [...stores.map(s => s.project), ...(pair ? [pair.project] : [])],
      cacheHome,
    )
    console.log(`  serve listening after ${fmt((performance.now() - started) / 1000)} s`)
  } catch (error) {
    rmSync(root, {recursive: true, force: true})
    throw error
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--force-device-scale-factor=1',
    ],
  })
  try {
    for (const store of stores) {
      if (args.only && store.label !== args.only) continue
      // A fresh page per store: each is measured from a cold start, with no model cached.
      const context = await browser.newContext({viewport: {width: 1440, height: 900}})
      const page = await context.newPage()
      // Turn on the renderer's flush timing (see FlameChartRenderer), then reload with it set.
      await page.goto(server.url)
      await page.evaluate(() =>
        (
          globalThis as unknown as {localStorage: {setItem(k: string, v: string): void}}
        ).localStorage.setItem('kolo-flame-flush-timing', '1'),
      )
      await page.reload()
      await page.locator('[data-testid=trace-row]').first().waitFor({timeout: 120_000})
      const open = await openTrace(page, store)
      const canvasBox = (await page.getByTestId('flame-canvas').boundingBox())!
      console.log(
        `\n  ${store.label}: ${store.records.toLocaleString('en-US')} records, canvas ${Math.round(canvasBox.width)}×${Math.round(canvasBox.height)} CSS px`,
      )
      console.log(
        `    open → tree first rows  ${fmt(open.openToFirstRows, 0)} ms ${open.previewed ? '(the preview: the rest still loading)' : '(the whole trace at once)'}   (target ≤ 300 ms)`,
      )
      console.log(
        `    open → whole trace      ${fmt(open.openToWhole, 0)} ms (painted; the flame tab meanwhile ${open.pendingShown ? 'said "loading x%"' : 'had the whole already'})`,
      )
      console.log(
        `    open → model ready      ${fmt(open.openToReady, 0)} ms (in the flame view: serve read, decode, build, transfer)`,
      )
      console.log(
        `    model ready → 1st paint ${fmt(open.readyToPaint, 0)} ms   (target ≤ 1,500 ms)`,
      )
      console.log(
        `                            of which depth index ${fmt(open.indexMs, 0)} ms, React commit until the renderer mounts ${fmt(open.mountMs, 0)} ms, first draw ${fmt(open.firstDrawMs, 0)} ms`,
      )
      console.log(`    open → 1st flame paint  ${fmt(open.openToPaint, 0)} ms`)
      if (args.shots) {
        await page.screenshot({path: path.join(args.shots, `bench-${store.label}-open.png`)})
      }
      // Two passes of the same script: the first includes JIT warm-up and cold text caches.
      for (const pass of [1, 2]) {
        const {draws, flushed, frames} = await interact(page)
        const f = summarize(flushed)
        const d = summarize(draws)
        const slowest = draws
          .map((ms, i) => [ms, i] as const)
          .sort((a, b) => b[0] - a[0])
          .slice(0, 3)
          .map(([ms, i]) => `#${i} ${fmt(ms, 1)}`)
        console.log(
          `    pass ${pass} redraw, JS (${draws.length}) p50 ${fmt(d.p50, 2)} ms · p95 ${fmt(d.p95, 2)} ms · max ${fmt(d.max, 1)} ms (slowest ${slowest.join(', ')})   target p95 ≤ 16 ms`,
        )
        console.log(
          `    pass ${pass} redraw + raster     p50 ${fmt(f.p50, 2)} ms · p95 ${fmt(f.p95, 2)} ms · max ${fmt(f.max, 1)} ms (getImageData forces the raster)`,
        )
        console.log(
          `    pass ${pass} frame interval      p50 ${fmt(percentile(frames, 0.5), 1)} ms · p95 ${fmt(percentile(frames, 0.95), 1)} ms (rAF, paced by the script's input)`,
        )
      }
      if (args.shots) {
        await page.screenshot({path: path.join(args.shots, `bench-${store.label}-after.png`)})
      }
      console.log(
        `    left heavy: switch → painted ${fmt(await leftHeavy(page), 0)} ms (worker merge + transfer + index)`,
      )
      await context.close()
    }
    if (pair) await measureDiffFlame(browser, server.url, pair, args.shots)
  } finally {
    await browser.close()
    server.stop()
    if (args.keep) console.log(`kept ${root}`)
    else rmSync(root, {recursive: true, force: true})
  }
  console.log(
    `\nload average now ${loadavg()
      .map(n => fmt(n, 1))
      .join(' ')} (other work on the machine inflates the times)`,
  )
  console.log(
    'Redraw = FlameChartRenderer.draw of the nodes layer (performance measure "flame-draw").',
  )
}
