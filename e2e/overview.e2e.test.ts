import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeKolo2Store} from '../main/node/kolo-writer/kolo2-store'
import {traceId} from '../main/node/kolo-writer/ulid'
import {
  hasChromium,
  launchBrowser,
  openPage,
  screenshot,
  waitForTraceReady,
} from './support/browser'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The project overview (issue 13): every trace on one timeline, the endpoints by route, where the
// selected traces overlap, a function's history with its values, the palette, and live traces.

const timeline = (page: Page): Locator => page.locator('[data-testid=timeline][data-painted=true]')

/** Waits until the index is built and the timeline shows `traces` traces; returns the timeline. */
async function overviewReady(page: Page, traces: number): Promise<Locator> {
  await page.locator('[data-testid=index-status][data-phase=done]').waitFor({timeout: 60_000})
  const t = timeline(page)
  await expect
    .poll(() => t.getAttribute('data-trace-count'), {timeout: 30_000})
    .toBe(String(traces))
  return t
}

/** Escape clears the node selection first, then leaves the trace for the overview. */
async function backToOverview(page: Page): Promise<void> {
  const overview = page.getByTestId('overview')
  for (let i = 0; i < 3 && (await overview.count()) === 0; i++) {
    await page.keyboard.press('Escape')
  }
  await overview.waitFor()
}

const endpointRow = (page: Page, endpoint: string): Locator =>
  page.locator(`[data-testid=endpoint-row][data-endpoint="${endpoint}"]`)

async function palette(page: Page, query: string, kind: string): Promise<Locator> {
  if ((await page.getByTestId('palette').count()) === 0) await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill(query)
  const option = page.locator(`[data-testid=palette-option][data-kind=${kind}]`).first()
  await option.waitFor({timeout: 15_000})
  return option
}

/** Presses ↓ until `option` is the active one (the input keeps the focus). */
async function activate(page: Page, option: Locator): Promise<void> {
  const id = await option.getAttribute('id')
  for (let i = 0; i < 40; i++) {
    if ((await page.getByTestId('palette-input').getAttribute('aria-activedescendant')) === id) {
      return
    }
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`option ${String(id)} never became active`)
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)(
  'the project overview on the bookshelf',
  () => {
    let server: ServeHandle
    let browser: Browser
    let page: Page
    let errors: string[]

    beforeAll(async () => {
      server = await startServe([bookshelfApp])
      browser = await launchBrowser()
      ;({page, errors} = await openPage(browser, server.url))
      await page.emulateMedia({colorScheme: 'dark'})
    })

    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('shows every trace on the timeline when the project opens', async () => {
      await page.getByTestId('overview').waitFor()
      const rows = page.locator('[data-testid=trace-row]')
      await rows.first().waitFor()
      const count = await rows.count()
      expect(count).toBe(15)
      const t = await overviewReady(page, count)
      expect(Number(await t.getAttribute('data-item-count'))).toBeGreaterThanOrEqual(count)
      expect(await t.getAttribute('aria-label')).toContain(`in ${count} traces`)
      await screenshot(page, 'overview-dark')
    })

    it('zooms and pans the timeline, and opens a trace from it with the keyboard', async () => {
      const t = timeline(page)
      const span = async () =>
        Number(await t.getAttribute('data-view-end-ms')) -
        Number(await t.getAttribute('data-view-start-ms'))
      const whole = await span()
      const box = (await page.getByTestId('timeline-overlay').boundingBox())!
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5)
      for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -200)
      await expect.poll(span).toBeLessThan(whole / 3)
      await t.focus()
      await page.keyboard.press('End')
      const focused = await t.getAttribute('data-focused-trace-id')
      expect(focused).toMatch(/^trc_/)
      expect(await page.getByTestId('timeline-focus').innerText()).toContain('Enter opens it')
      await screenshot(page, 'overview-timeline-zoomed-dark')
      await page.keyboard.press('Enter')
      await waitForTraceReady(page, focused!)
      await backToOverview(page)
      await timeline(page).press('0')
      await expect.poll(span).toBe(whole)
    })

    it('groups requests by route: /books/1/ with /books/99/, and the two review POSTs', async () => {
      const detail = endpointRow(page, 'GET /books/<int:book_id>/')
      await detail.waitFor()
      expect(await detail.locator('td').nth(1).innerText()).toBe('3')
      const reviews = endpointRow(page, 'POST /books/<int:book_id>/reviews/')
      expect(await reviews.locator('td').nth(1).innerText()).toBe('2')
      expect(await page.locator('[data-testid=endpoint-row][data-endpoint*="/99/"]').count()).toBe(
        0,
      )
      expect(
        await page.locator('[data-testid=endpoint-row] svg[role=img]').count(),
      ).toBeGreaterThan(0)
      await screenshot(page, 'overview-endpoints-dark')
    })

    it("shows book_list's queries shared by the GET / traces", async () => {
      await endpointRow(page, 'GET /').getByRole('button').click()
      const selection = page.getByTestId('overview-selection')
      await expect.poll(() => selection.innerText()).toContain('3 of 15 traces selected')
      await page.getByTestId('overview-tab-overlap').click()
      const view = page.locator('[data-testid=overlap-view][data-trace-count="3"]')
      await view.waitFor()
      const functions = view.locator(
        '[data-testid=overlap-functions] [data-testid=overlap-shared] [data-testid=overlap-row]',
      )
      expect(
        await functions.evaluateAll(rows => rows.map(r => r.getAttribute('data-label'))),
      ).toContain('shelf.views.book_list')
      const shared = view.locator(
        '[data-testid=overlap-sql] [data-testid=overlap-shared] [data-testid=overlap-row]',
      )
      const labels = await shared.evaluateAll(rows =>
        rows.map(
          r => [r.getAttribute('data-label') ?? '', Number(r.getAttribute('data-traces'))] as const,
        ),
      )
      // book_list: the books by title, then per book its author and its reviews (the N+1).
      for (const table of ['shelf_book', 'shelf_author', 'shelf_review']) {
        const hit = labels.find(
          ([label]) => label.startsWith('SELECT') && label.includes(`FROM "${table}"`),
        )
        expect(hit, `a shared query of ${table}`).toBeDefined()
        expect(hit![1]).toBeGreaterThanOrEqual(2)
      }
      await screenshot(page, 'overview-overlap-dark')
    })

    it('lists the calls of Book.average_rating with their return values and opens one', async () => {
      await page
        .getByRole('button', {name: 'shelf.models.Book.average_rating', exact: true})
        .click()
      const history = page.locator(
        '[data-testid=function-history][data-qualname="shelf.models.Book.average_rating"]',
      )
      await history.waitFor()
      const calls = history.locator('[data-testid=history-call]')
      await expect.poll(() => calls.count()).toBe(8)
      for (let i = 0; i < 8; i++) {
        expect(await calls.nth(i).getByTestId('history-return').innerText()).toMatch(
          /^→ (None|\d+(\.\d+)?)$/,
        )
      }
      expect(await history.innerText()).toContain('8 calls across the project')
      await screenshot(page, 'overview-history-dark')
      const call = calls.nth(1)
      const traceId = (await call.getAttribute('data-trace-id'))!
      const nodeId = (await call.getAttribute('data-node-id'))!
      await call.getByTestId('history-open').click()
      await waitForTraceReady(page, traceId)
      const frame = page.locator(`[data-testid=frame-view][data-node-id="${nodeId}"]`)
      await frame.waitFor()
      expect(await frame.getByTestId('frame-title').innerText()).toBe(
        'shelf.models.Book.average_rating',
      )
      // The frame view's own history marks the call on screen, and its gutter counts the traces.
      const current = frame.locator('[data-testid=frame-history] .history-call.current')
      await current.waitFor()
      expect(await current.getAttribute('data-node-id')).toBe(nodeId)
      await frame.locator('.code-ran.has-runs').first().waitFor()
      expect(await frame.locator('.code-ran.has-runs').first().getAttribute('title')).toMatch(
        /^ran in \d+ of 15 traces/,
      )
      await screenshot(page, 'overview-frame-history-dark')
    })

    it('finds a trace, a function, an SQL text and an exception message', async () => {
      const trace = await palette(page, 'books/99', 'trace')
      expect(await trace.innerText()).toContain('404 GET /books/99/')
      await screenshot(page, 'overview-palette-dark')
      const traceId = (await trace.getAttribute('data-trace-id'))!
      await activate(page, trace)
      await page.keyboard.press('Enter')
      await waitForTraceReady(page, traceId)

      const fn = await palette(page, 'average_rating', 'function')
      expect(await fn.innerText()).toContain('shelf.models.Book.average_rating')
      await activate(page, fn)
      await page.keyboard.press('Enter')
      await page
        .locator('[data-testid=function-history][data-qualname="shelf.models.Book.average_rating"]')
        .waitFor()

      const sql = await palette(page, 'shelf_review', 'sql')
      expect(await sql.innerText()).toContain('"shelf_review"')
      await page.keyboard.press('Escape')

      const exception = await palette(page, 'summarise', 'exception')
      expect(await exception.innerText()).toContain('no books to summarise')
      const raisedIn = (await exception.getAttribute('data-trace-id'))!
      await activate(page, exception)
      await page.keyboard.press('Enter')
      await waitForTraceReady(page, raisedIn)
      expect(await page.getByTestId('tab-logs').getAttribute('aria-selected')).toBe('true')
    })

    it('looks right in the light theme too', async () => {
      await page.emulateMedia({colorScheme: 'light'})
      await page.getByTestId('tab-overview').click()
      await overviewReady(page, 15)
      await page.getByTestId('clear-selection').click()
      await screenshot(page, 'overview-light')
      const box = (await page.getByTestId('timeline-overlay').boundingBox())!
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5)
      for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -200)
      await screenshot(page, 'overview-timeline-zoomed-light')
      await timeline(page).press('0')
      await screenshot(page, 'overview-endpoints-light')
      await endpointRow(page, 'GET /').getByRole('button').click()
      await page.getByTestId('overview-tab-overlap').click()
      await page.locator('[data-testid=overlap-view][data-trace-count="3"]').waitFor()
      await page
        .getByRole('button', {name: 'shelf.models.Book.average_rating', exact: true})
        .click()
      await page.locator('[data-testid=history-call]').first().waitFor()
      await screenshot(page, 'overview-overlap-history-light')
      await page.getByTestId('overview-tab-flame').click()
      await page.locator('[data-testid=merged-flame-canvas][data-painted=true]').waitFor()
      expect(await page.getByTestId('merged-flame-summary').innerText()).toContain(
        '3 traces merged',
      )
      await screenshot(page, 'overview-merged-flame-light')
      await palette(page, 'book', 'function')
      await screenshot(page, 'overview-palette-light')
      await page.keyboard.press('Escape')
      await page.emulateMedia({colorScheme: 'dark'})
    })

    it('logged no errors in the page', () => {
      expect(errors).toEqual([])
    })
  },
)

describe.skipIf(!hasChromium || !hasBuild)('the project overview on the demo', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    server = await startServe([])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
    await page.emulateMedia({colorScheme: 'dark'})
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('shows every demo trace on the timeline and its endpoints', async () => {
    const rows = page.locator('[data-testid=trace-row]')
    await rows.first().waitFor()
    await overviewReady(page, await rows.count())
    await endpointRow(page, 'POST /checkout/').waitFor()
    expect(await endpointRow(page, 'POST /checkout/').locator('td').nth(6).innerText()).toBe('✕ 1')
    const orders = page.locator('[data-testid=endpoint-row][data-endpoint^="GET /orders/"]').first()
    expect(await orders.locator('td').nth(7).innerText()).toMatch(/^⚠ \d+$/)
    await screenshot(page, 'overview-demo-dark')
  })

  it('finds an exception of the demo', async () => {
    const exception = await palette(page, 'declined', 'exception')
    expect(await exception.innerText()).toContain('PaymentDeclined')
    await page.keyboard.press('Escape')
    expect(errors).toEqual([])
  })
})

// Kolo writes a trace into a temp copy of the bookshelf store while the overview is open.
describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('live traces on the overview', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let scratch: string
  let project: string

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-overview-live-'))
    project = path.join(scratch, 'bookshelf')
    mkdirSync(path.join(project, '.kolo'), {recursive: true})
    const dbFile = path.join(project, '.kolo', 'db.sqlite3')
    copyFileSync(path.join(bookshelfApp, '.kolo', 'db.sqlite3'), dbFile)
    chmodSync(dbFile, 0o644)
    server = await startServe([project])
    browser = await launchBrowser()
    ;({page} = await openPage(browser, server.url))
    await page.emulateMedia({colorScheme: 'dark'})
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('shows a trace written while the overview is open on the timeline and in the history', async () => {
    await overviewReady(page, 15)
    await palette(page, 'average_rating', 'function')
    await page.keyboard.press('Enter')
    const calls = page.locator(
      '[data-testid=function-history][data-qualname="shelf.models.Book.average_rating"] [data-testid=history-call]',
    )
    await expect.poll(() => calls.count()).toBe(8)
    // A GET / trace (book_list rates four books) written again under a new id, as Kolo 2.40 does.
    // Read from the temp copy: opening the fixture itself, even read-only, lets SQLite (as root)
    // create and write its -wal/-shm beside it.
    const source = new Database(path.join(project, '.kolo', 'db.sqlite3'), {readonly: true})
    const body = source
      .prepare('SELECT msgpack FROM traces WHERE id = ?')
      .pluck()
      .get('trc_01M8AECVF4M8Y4PM90ERCBAXPM') as Buffer
    source.close()
    const id = traceId(Date.now() / 1000)
    const at = Date.now()
    writeKolo2Store(project, [{traceId: id, msgpack: body}])
    await expect
      .poll(() => timeline(page).getAttribute('data-trace-count'), {timeout: 15_000})
      .toBe('16')
    console.log(`live: the new trace was on the timeline ${Date.now() - at} ms after the write`)
    await page
      .locator(`[data-testid=history-call][data-trace-id="${id}"]`)
      .first()
      .waitFor({timeout: 15_000})
    expect(await calls.count()).toBe(12)
    await screenshot(page, 'overview-live-dark')
  })

  it('says so, at once and in words, when a new trace cannot be read; the rest still serves', async () => {
    const broken = traceId(Date.now() / 1000)
    writeKolo2Store(project, [{traceId: broken, msgpack: Buffer.from('not msgpack at all')}])
    const notices = page.getByTestId('index-notices')
    await expect.poll(() => notices.textContent(), {timeout: 15_000}).toContain(broken)
    expect(await notices.getAttribute('open')).not.toBeNull()
    expect(await notices.locator('summary').innerText()).toMatch(/\d+ warnings?/)
    await expect
      .poll(() => page.getByTestId('index-failed').innerText())
      .toMatch(/✕ \d+ could not be read/)
    // The traces indexed before are all still there, and the overview still answers.
    await page.getByTestId('tab-overview').click()
    expect(await timeline(page).getAttribute('data-trace-count')).toBe('16')
    await screenshot(page, 'overview-notice-dark')
  })
})
