import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {randomBytes} from 'node:crypto'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  hasChromium,
  launchBrowser,
  openPage,
  screenshot,
  waitForTraceReady,
} from './support/browser'
import {traceRow} from './support/journey'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// Kolo writes a trace into a store while the page is open: it appears without a reload, newest
// first; "Follow" selects it; a deleted one vanishes. The store is a temp copy of the bookshelf
// fixture, written the way Kolo 2.40 writes (WAL, INSERT OR IGNORE INTO traces).
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
function newTraceId(): string {
  const time = Date.now().toString(32).toUpperCase().padStart(10, '0')
  const rest = [...randomBytes(16)].map(b => crockford[b % 32]).join('')
  return `trc_${time.replace(/[ILOU]/g, '0')}${rest}`
}

const koloNow = () => new Date().toISOString().replace('T', ' ').slice(0, 23)

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('live traces in serve', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]
  let db: Database.Database
  let body: Buffer
  let scratch: string

  const write = (): {id: string; at: number} => {
    const id = newTraceId()
    db.prepare('INSERT OR IGNORE INTO traces (id, created_at, msgpack) VALUES (?, ?, ?)').run(
      id,
      koloNow(),
      body,
    )
    return {id, at: Date.now()}
  }

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-live-'))
    const project = path.join(scratch, 'bookshelf')
    mkdirSync(path.join(project, '.kolo'), {recursive: true})
    const dbFile = path.join(project, '.kolo', 'db.sqlite3')
    copyFileSync(path.join(bookshelfApp, '.kolo', 'db.sqlite3'), dbFile)
    chmodSync(dbFile, 0o644)
    db = new Database(dbFile, {timeout: 60_000})
    db.pragma('journal_mode = wal')
    const row = db
      .prepare("SELECT msgpack FROM traces WHERE msgpack IS NOT NULL AND id LIKE 'trc_%' LIMIT 1")
      .get() as {msgpack: Buffer}
    body = row.msgpack
    server = await startServe([project])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
    await page.locator('[data-testid=trace-row]').first().waitFor({state: 'visible'})
  })

  afterAll(async () => {
    db?.close()
    await browser?.close()
    await server?.stop()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('shows a trace Kolo commits while the page is open, at the top, without a reload', async () => {
    const before = await page.locator('[data-testid=trace-row]').count()
    const {id, at} = write()
    await traceRow(page, id).waitFor({state: 'visible', timeout: 10_000})
    const latencyMs = Date.now() - at
    console.log(`live: a new trace showed in the list ${latencyMs} ms after the commit`)
    expect(
      await page.locator('[data-testid=trace-row]').first().getAttribute('data-trace-id'),
    ).toBe(id)
    expect(await page.locator('[data-testid=trace-row]').count()).toBe(before + 1)
    expect(await page.locator('[data-testid=project-row] .project-count').first().innerText()).toBe(
      String(before + 1),
    )
    expect(latencyMs).toBeLessThan(3000) // target 300 ms; the browser polls nothing, loose for CI
  })

  it('follows the latest trace when asked: each new one opens as it arrives', async () => {
    await page.locator('[data-testid=follow-latest]').click()
    await expect
      .poll(() => page.locator('[data-testid=follow-latest]').getAttribute('aria-pressed'))
      .toBe('true')
    const {id} = write()
    await waitForTraceReady(page, id, 15_000)
    expect(await traceRow(page, id).getAttribute('aria-selected')).toBe('true')
    await screenshot(page, 'live-follow-latest')
    const second = write()
    await waitForTraceReady(page, second.id, 15_000)
    await page.locator('[data-testid=follow-latest]').click()
  })

  it('removes a trace Kolo deletes', async () => {
    const {id} = write()
    await traceRow(page, id).waitFor({state: 'visible', timeout: 10_000})
    db.prepare('DELETE FROM traces WHERE id = ?').run(id)
    await traceRow(page, id).waitFor({state: 'detached', timeout: 10_000})
  })

  it('logged no errors in the page', () => {
    // A load superseded by a newer one (following fast arrivals) answers 409 'cancelled' by
    // design; Chromium logs every non-2xx fetch.
    expect(errors.filter(e => !e.includes('status of 409'))).toEqual([])
  })
})
