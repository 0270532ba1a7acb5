import type {Locator, Page} from 'playwright-core'
import {waitForTraceReady} from './browser'

/** Steps the journeys share, written against the renderer's data-testid contract. */

/** The trace list row of `traceId`. */
export const traceRow = (page: Page, traceId: string): Locator =>
  page.locator(`[data-testid=trace-row][data-trace-id="${traceId}"]`)

/** Opens a trace from the list and waits until its first view painted. */
export async function openTrace(page: Page, traceId: string): Promise<void> {
  await traceRow(page, traceId).click()
  await waitForTraceReady(page, traceId)
}

/** Tree rows of one kind (`frame`, `request`, `sql`, `outbound`, `exception`, …). */
export const treeRows = (page: Page, kind: string): Locator =>
  page.locator(`[data-testid=tree-row][data-kind=${kind}]`)

/**
 * Selects the first tree row of `kind`, filtering the tree by `filter` first when given (the
 * tree is virtualised and collapsed nodes have no rows), and returns the details panel.
 */
export async function selectTreeRow(page: Page, kind: string, filter?: string): Promise<Locator> {
  if (filter !== undefined) await page.locator('[data-testid=tree-filter]').fill(filter)
  const row = treeRows(page, kind).first()
  await row.waitFor({state: 'visible'})
  await row.click()
  const details = page.locator(`[data-testid=details][data-kind=${kind}]`)
  await details.waitFor({state: 'visible'})
  return details
}

/**
 * Waits until `locator` shows every one of `texts` (details load after the panel appears), then
 * returns its text. Fails with the text it had when the wait timed out.
 */
export async function textOnceShown(
  locator: Locator,
  ...texts: (string | RegExp)[]
): Promise<string> {
  try {
    for (const text of texts) {
      await locator.filter({hasText: text}).first().waitFor({timeout: 15_000})
    }
  } catch (error) {
    const had = await locator.innerText().catch(() => '(gone)')
    throw new Error(`expected ${texts.map(String).join(', ')}; the panel shows:\n${had}`, {
      cause: error,
    })
  }
  return locator.innerText()
}
