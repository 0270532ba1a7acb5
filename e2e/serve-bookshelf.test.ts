import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {openTrace, selectTreeRow, textOnceShown, traceRow} from './support/journey'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The 500 `POST /import/` of the bookshelf fixture (Kolo 2.40): an outbound urllib call answered
// 404, then urllib.error.HTTPError raised through fetch_isbn → import_book → import_isbn.
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('serve: the bookshelf fixture', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    server = await startServe([bookshelfApp])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lists the 15 traces of the store', async () => {
    await traceRow(page, IMPORT_500).waitFor({state: 'visible'})
    expect(await page.locator('[data-testid=trace-row]').count()).toBe(15)
  })

  it('opens the 500 POST /import/ trace', async () => {
    await openTrace(page, IMPORT_500)
    expect(await page.locator('[data-testid=tree-row]').count()).toBeGreaterThan(3)
    await screenshot(page, 'bookshelf-500-import-tree')
  })

  it('shows the exception: its summary and where it was raised', async () => {
    const details = await selectTreeRow(page, 'exception')
    await textOnceShown(
      details,
      'urllib.error.HTTPError',
      'HTTP Error 404: Not Found',
      'fetch_isbn',
    )
    await screenshot(page, 'bookshelf-500-import-exception')
  })

  it('shows the outbound request and its 404 response', async () => {
    const details = await selectTreeRow(page, 'outbound', 'isbn/0000000000000')
    const text = await textOnceShown(details, 'http://127.0.0.1:18767/isbn/0000000000000', '404')
    expect(text).toContain('GET')
    await screenshot(page, 'bookshelf-500-import-outbound')
  })

  it('logged no errors in the page', () => {
    expect(errors).toEqual([])
  })
})
