import {existsSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {chromium} from 'playwright-core'
import type {Browser, Page} from 'playwright-core'

/** The Chromium the suite drives: `$KOLO_CHROMIUM`, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium'

/** Whether that Chromium exists; suites that need it skip without it (.ci/run installs it). */
export const hasChromium = existsSync(chromiumPath)

/** Where screenshots go: `$KOLO_SHOTS`, else a folder in the temp dir (never the repository). */
export const shotsDir = process.env.KOLO_SHOTS ?? path.join(tmpdir(), 'kolo-shots')

// Pinned rendering: no GPU, scale factor 1, nothing that phones home or updates itself.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--force-device-scale-factor=1',
]

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({executablePath: chromiumPath, headless: true, args: ARGS})
}

/** A page with a fixed viewport, collecting console errors and failed requests. */
export interface TestPage {
  page: Page
  /** Console errors and uncaught page errors so far. */
  errors: string[]
}

/** Opens `url` in a fresh context (1440×900 unless told otherwise). */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = {width: 1440, height: 900},
): Promise<TestPage> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', msg => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', error => errors.push(error.message))
  await page.goto(url)
  return {page, errors}
}

interface PageGlobals {
  document: {body: {dataset: Record<string, string | undefined>}}
}

/** Waits until the app marked `traceId` (or any trace) ready: `document.body.dataset.traceReady`. */
export async function waitForTraceReady(
  page: Page,
  traceId?: string,
  timeout = 60_000,
): Promise<void> {
  await page.waitForFunction(
    id => {
      // Runs in the page; this file is type-checked without the DOM lib.
      const ready = (globalThis as unknown as PageGlobals).document.body.dataset.traceReady
      return id ? ready === id : Boolean(ready)
    },
    traceId,
    {timeout},
  )
}

/** Saves a full-page screenshot as `<shotsDir>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotsDir, {recursive: true})
  const file = path.join(shotsDir, `${name}.png`)
  await page.screenshot({path: file, fullPage: true})
  return file
}
