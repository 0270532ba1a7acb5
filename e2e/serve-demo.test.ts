import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {demoTraces} from '../main/node/demo/demo-traces'
import {openTrace, selectTreeRow, textOnceShown, treeRows} from './support/journey'
import {hasBuild} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The demo is deterministic: the same trace ids on every run.
const demoId = (name: string): string =>
  String(
    demoTraces()
      .find(t => t.get('trace_name') === name)
      ?.get('trace_id'),
  )

describe.skipIf(!hasChromium || !hasBuild)('serve with no PATH: the embedded demo', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    server = await startServe([])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('says it serves the demo and lists its four traces', async () => {
    expect(server.stdout()).toContain('embedded demo')
    const rows = page.locator('[data-testid=trace-row]')
    await rows.first().waitFor({state: 'visible'})
    expect(await rows.count()).toBe(4)
  })

  it('opens the failing checkout and explains the exception', async () => {
    await openTrace(page, demoId('500 POST /checkout/'))
    const details = await selectTreeRow(page, 'exception')
    await textOnceShown(details, 'PaymentDeclined', 'card_declined')
    const outbound = await selectTreeRow(page, 'outbound', 'v1/charges')
    await textOnceShown(outbound, 'https://api.payments.example/v1/charges', '402')
    await screenshot(page, 'demo-checkout')
  })

  it('opens the order list with its N+1 queries and switches views', async () => {
    await page.locator('[data-testid=tree-filter]').fill('')
    await openTrace(page, demoId('200 GET /orders/'))
    await page.locator('[data-testid=tree-filter]').fill('orders_customer')
    await treeRows(page, 'sql').first().waitFor({state: 'visible'})
    expect(await treeRows(page, 'sql').count()).toBeGreaterThanOrEqual(4)
    await screenshot(page, 'demo-orders-tree')
    for (const tab of ['flame', 'graph', 'tree']) {
      await page.locator(`[data-testid=tab-${tab}]`).click()
      await screenshot(page, `demo-orders-${tab}`)
    }
  })

  it('logged no errors in the page', () => {
    expect(errors).toEqual([])
  })
})
