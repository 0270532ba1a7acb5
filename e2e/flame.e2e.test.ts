import path from 'node:path'
import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {openTrace} from './support/journey'
import {bookshelfApp, fixturesDir, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// bookshelf-deep (Kolo 2.40, django frames included): GET / has 7,450 records, 3,672 nodes.
const bookshelfDeep = path.join(fixturesDir, 'bookshelf-deep')
const DEEP_GET = 'trc_01M8AEDA2VSAHRFXE020CYQTZ9'
// bookshelf: the 200 POST /import/ (view → service → outbound, SQL, logs).
const IMPORT_200 = 'trc_01M8AECSSNPE9A6FZBYCE8WXZN'
const rowHeightPx = 18

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('flame chart and call graph', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]

  const box = (): Locator => page.getByTestId('flame-canvas-container')
  const canvas = (): Locator => page.getByTestId('flame-canvas')
  const viewRange = async (): Promise<[number, number]> => {
    const [start, end] = await box().evaluate(e => [e.dataset.viewStartNs, e.dataset.viewEndNs])
    return [Number(start), Number(end)]
  }
  const waitPainted = async (): Promise<void> => {
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLElement>('[data-testid=flame-canvas-container]')?.dataset
          .painted === 'true',
    )
  }
  /** Shows a project's traces: the sidebar's project list, or the header's picker (older shell). */
  const selectProject = async (label: string): Promise<void> => {
    await page.locator('[data-testid=project-row], .project-select').first().waitFor()
    const row = page.locator('[data-testid=project-row]').filter({
      has: page.locator('.project-name', {hasText: new RegExp(`^${label}$`)}),
    })
    if ((await row.count()) > 0) await row.click()
    else await page.locator('.project-select').selectOption({label})
  }
  /** Waits until the view differs from `before` and returns it. */
  const viewChangedFrom = async (before: [number, number]): Promise<[number, number]> => {
    await page.waitForFunction(b => {
      const d = document.querySelector<HTMLElement>('[data-testid=flame-canvas-container]')?.dataset
      return d !== undefined && (Number(d.viewStartNs) !== b[0] || Number(d.viewEndNs) !== b[1])
    }, before)
    return viewRange()
  }

  beforeAll(async () => {
    server = await startServe([bookshelfDeep, bookshelfApp])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('paints the flame chart of the deep GET / trace, whole trace in view', async () => {
    await selectProject('bookshelf-deep')
    await openTrace(page, DEEP_GET)
    await page.getByTestId('tab-flame').click()
    await waitPainted()
    const [start, end] = await viewRange()
    expect(start).toBe(0)
    expect(end).toBeGreaterThan(150e6) // the trace lasts 156 ms
    await screenshot(page, 'flame-time-full')
  })

  it('zooms around the pointer with the wheel, pans with a drag, resets with 0', async () => {
    const [, fullEnd] = await viewRange()
    const b = (await canvas().boundingBox())!
    const anchorX = b.x + b.width * 0.25
    await page.mouse.move(anchorX, b.y + 200)
    const anchorNs = fullEnd * 0.25
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240)
    const zoomed = await viewChangedFrom([0, fullEnd])
    const span = zoomed[1] - zoomed[0]
    expect(span).toBeLessThan(fullEnd / 4)
    // The time under the pointer stays under it (to within a pixel's worth).
    expect(Math.abs(zoomed[0] + span * 0.25 - anchorNs)).toBeLessThan(fullEnd / b.width)
    await screenshot(page, 'flame-time-zoomed')

    await page.mouse.move(b.x + b.width * 0.6, b.y + 100)
    await page.mouse.down()
    await page.mouse.move(b.x + b.width * 0.4, b.y + 100, {steps: 5})
    await page.mouse.up()
    const panned = await viewChangedFrom(zoomed)
    // Dragging the content left by 20% of the width shows later times, 20% of the span on.
    expect(Math.abs(panned[0] - zoomed[0] - span * 0.2)).toBeLessThan(span * 0.01)
    expect(Math.abs(panned[1] - panned[0] - span)).toBeLessThan(2)

    await box().press('0')
    expect(await viewChangedFrom(panned)).toEqual([0, fullEnd])
  })

  it('clicking a rectangle selects that node in the tree and the frame view', async () => {
    const b = (await canvas().boundingBox())!
    // Depth 4 of this trace is one wide frame (BaseHandler._get_response) under the request.
    await page.mouse.click(b.x + b.width / 2, b.y + 4 * rowHeightPx + rowHeightPx / 2)
    const main = page.locator('.flame-main')
    await expect.poll(() => main.getAttribute('data-selected-node')).toMatch(/^\d+$/)
    const nodeId = (await main.getAttribute('data-selected-node'))!
    await expect.poll(() => page.getByTestId('details').getAttribute('data-node-id')).toBe(nodeId)
    await screenshot(page, 'flame-time-selected')

    await page.getByTestId('tab-tree').click()
    const selectedRow = page.locator('[data-testid=tree-row][aria-selected=true]')
    await selectedRow.waitFor({state: 'visible'})
    expect(await selectedRow.getAttribute('data-node-id')).toBe(nodeId)

    await page.getByTestId('tab-frame').click()
    await expect
      .poll(() => page.getByTestId('frame-view').getAttribute('data-node-id'))
      .toBe(nodeId)
    await page.getByTestId('tab-flame').click()
    await waitPainted()
  })

  it('search highlights matches and Enter steps through them', async () => {
    await page.getByTestId('flame-search').fill('book_list')
    const count = page.getByTestId('flame-match-count')
    await expect.poll(() => count.textContent()).toMatch(/^\d[\d,]* match(es)?$/)
    const matches = Number((await count.textContent())!.replace(/\D/g, ''))
    expect(matches).toBeGreaterThan(0)
    await page.getByTestId('flame-search').press('Enter')
    await expect.poll(() => page.getByTestId('details').innerText()).toContain('book_list')
    const first = await page.locator('.flame-main').getAttribute('data-selected-node')
    await page.getByTestId('flame-search').press('Enter')
    await expect
      .poll(() => page.locator('.flame-main').getAttribute('data-selected-node'))
      .not.toBe(first)
    await screenshot(page, 'flame-time-search')
  })

  it('switches between time order, left heavy and sandwich', async () => {
    await page.getByTestId('flame-mode-left-heavy').click()
    await page.locator('[data-flame-mode=left-heavy]').waitFor()
    await waitPainted()
    const [start, end] = await viewRange()
    expect(start).toBe(0)
    expect(end).toBeGreaterThan(0)
    await screenshot(page, 'flame-left-heavy')

    await page.getByTestId('flame-search').fill('')
    await page.getByTestId('flame-mode-sandwich').click()
    const rows = page.getByTestId('sandwich-row')
    await rows.first().waitFor()
    expect(await rows.count()).toBeGreaterThan(10)
    await rows.nth(2).click()
    await page.getByTestId('sandwich-callers').waitFor()
    await page.getByTestId('sandwich-callees').waitFor()
    // Keyboard: the table moves the selection, and with it the tree's.
    await page.getByTestId('sandwich-table').press('ArrowDown')
    await expect.poll(() => page.locator('.sandwich-row.selected').count()).toBe(1)
    await screenshot(page, 'flame-sandwich')

    await page.getByTestId('flame-mode-time').click()
    await page.locator('[data-flame-mode=time]').waitFor()
    await waitPainted()
  })

  it('the call graph shows the view → service → SQL edges of the import trace', async () => {
    await selectProject('app')
    await openTrace(page, IMPORT_200)
    await page.getByTestId('tab-graph').click()
    await page.locator('[data-testid=call-graph][data-laid-out=radial]').waitFor()
    const edges = await page.getByTestId('call-graph-edges').locator('li').allTextContents()
    expect(edges).toContain('POST /import/ → shelf.views.import_isbn ×1')
    expect(edges).toContain('shelf.views.import_isbn → shelf.services.import_book ×1')
    expect(
      edges.filter(e => e.startsWith('shelf.services.import_book → INSERT INTO')),
    ).toHaveLength(2)
    expect(edges.some(e => e.startsWith('shelf.services.import_book → SELECT'))).toBe(true)
    await screenshot(page, 'graph-import-radial')
    await page.getByTestId('graph-layout-layered').click()
    await page.locator('[data-testid=call-graph][data-laid-out=layered]').waitFor()
    await screenshot(page, 'graph-import-layered')
  })

  it('logged no errors in the page', () => {
    expect(errors.filter(e => !e.includes('favicon') && !/status of 404/.test(e))).toEqual([])
  })
})
