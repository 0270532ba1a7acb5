import {spawnSync} from 'node:child_process'
import path from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {traceRow} from './support/journey'
import {bookshelfApp, cliPath, fixturesDir, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The bookshelf pairs of issue 14 (kolo-format.md §10), the older (A) first.
const listThreeBooks = 'trc_01M8AECR889F4M33DWTT69S3XG'
const listFourBooks = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'
const detailBeforeReview = 'trc_01M8AECRJF3KNZR6RYHFDDYP3Z'
const detailAfterReview = 'trc_01M8AECRWHAMYV0EMY8TCT439H'
const stats200 = 'trc_01M8AECTGEBBQF7G1H98B96VD2'
const stats500 = 'trc_01M8AECTT3KXFQWS21XJSMJSZF'

// A colleague's trace: GET /books/1/ after the review, as a Kolo 3 `.kolo` file of its own.
const colleagueFile = path.join(
  fixturesDir,
  'bookshelf-v3/.kolo/.internal/raw/trc_01M8AECRWHAMYV0EMY8TCT439H.kolo',
)

const themes = ['dark', 'light'] as const
type Theme = (typeof themes)[number]

/** Waits for the diff view to show a comparison. */
async function diffReady(page: Page): Promise<void> {
  await page.locator('[data-testid=diff-view][data-diff-ready=true]').waitFor({timeout: 60_000})
}

/** Rows of the diff tree, as "edit name" lines. */
async function diffRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid=diff-row]').evaluateAll(rows =>
    rows.map(row => {
      const el = row as unknown as {dataset: Record<string, string>; textContent: string | null}
      const name = (
        row as unknown as {querySelector(s: string): {textContent: string} | null}
      ).querySelector('.diff-name')?.textContent
      return `${el.dataset.edit ?? ''} ${name ?? ''}`
    }),
  )
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('comparing traces in serve', () => {
  let server: ServeHandle
  let browser: Browser

  beforeAll(async () => {
    server = await startServe([bookshelfApp, colleagueFile])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** The page in a theme, the bookshelf project's list shown. */
  async function open(theme: Theme, link?: string): Promise<{page: Page; errors: string[]}> {
    const url = link === undefined ? server.url : `${server.url}&link=${encodeURIComponent(link)}`
    const opened = await openPage(browser, url)
    await opened.page.emulateMedia({colorScheme: theme})
    await traceRow(opened.page, listThreeBooks).waitFor()
    return opened
  }

  /** Ctrl+click two rows of the list, then Compare. */
  async function compare(page: Page, a: string, b: string): Promise<void> {
    await traceRow(page, b).click({modifiers: ['Control']})
    await traceRow(page, a).click({modifiers: ['Control']})
    expect(await traceRow(page, a).getAttribute('data-mark')).toBe('A')
    expect(await traceRow(page, b).getAttribute('data-mark')).toBe('B')
    await page.locator('[data-testid=compare-marked]').click()
    await diffReady(page)
  }

  for (const theme of themes) {
    it(`GET / with three books, then four: the extra loop iteration and its N+1 queries (${theme})`, async () => {
      const {page, errors} = await open(theme)
      await compare(page, listThreeBooks, listFourBooks)
      const summary = await page.locator('[data-testid=diff-summary]').innerText()
      expect(summary).toMatch(/^GET \/:\s*9 queries \(was 7, \+2\)/)
      expect(summary).toContain('N+1 at shelf/views.py:14: 4 queries (was 3)')
      const rows = await diffRows(page)
      expect(rows).toContain('added shelf.models.Book.average_rating')
      expect(rows.filter(r => r.startsWith('added SELECT "shelf_author"'))).toHaveLength(1)
      await page.locator('[data-testid=diff-row][data-edit=added][data-kind=frame]').click()
      await page.locator('[data-testid=pair-panel]').getByText('Only in B (added).').waitFor()
      await screenshot(page, `diff/list-calls-${theme}`)

      await page.locator('[data-testid=diff-tab-sql]').click()
      const sql = page.locator('[data-testid=diff-sql]')
      expect(await sql.locator('[data-testid=diff-nplusone]').count()).toBe(2)
      expect(await sql.innerText()).toContain('3 → 4 queries')
      await screenshot(page, `diff/list-sql-${theme}`)

      await page.locator('[data-testid=diff-tab-flame]').click()
      await page.locator('[data-testid=diff-flame-b-container][data-painted=true]').waitFor()
      await screenshot(page, `diff/list-flame-${theme}`)
      expect(errors).toEqual([])
    })
  }

  it('GET /books/1/ before and after a review: the added review row', async () => {
    const {page, errors} = await open('dark')
    await compare(page, detailBeforeReview, detailAfterReview)
    expect(await page.locator('[data-testid=diff-summary]').innerText()).toMatch(
      /^GET \/books\/1\/:\s*1 query returns other rows/,
    )
    const query = page.locator('[data-testid=diff-row][data-kind=sql][data-edit=changed]')
    await query.first().click()
    const rows = page.locator('[data-testid=diff-section][data-label=rows]')
    await rows.waitFor()
    expect(await rows.innerText()).toContain('2 rows → 3 rows')
    expect(await rows.innerText()).toContain("'Read it twice'")
    await screenshot(page, 'diff/detail-review-dark')
    expect(errors).toEqual([])
  })

  for (const theme of themes) {
    it(`200 GET /stats/ against 500 GET /stats/: the exception and the changed return (${theme})`, async () => {
      const {page, errors} = await open(theme)
      await compare(page, stats200, stats500)
      const summary = await page.locator('[data-testid=diff-summary]').innerText()
      expect(summary).toContain('returns 500 (was 200)')
      expect(summary).toContain('raises ValueError: no books to summarise')
      await page
        .locator('[data-testid=diff-row]')
        .filter({hasText: 'shelf.views.stats'})
        .first()
        .click()
      const panel = page.locator('[data-testid=pair-panel]')
      const returned = panel.locator('[data-testid=diff-section][data-label="return value"]')
      await returned.waitFor()
      expect(await returned.innerText()).toContain('<JsonResponse status_code=200')
      expect(await returned.innerText()).toContain('None')
      expect(
        await panel.locator('[data-testid=diff-section][data-label=exception]').innerText(),
      ).toContain('ValueError: no books to summarise')
      await screenshot(page, `diff/stats-calls-${theme}`)
      await page.locator('[data-testid=diff-tab-http]').click()
      expect(await page.locator('[data-testid=diff-http]').innerText()).toContain('200 → 500')
      await screenshot(page, `diff/stats-http-${theme}`)
      expect(errors).toEqual([])
    })
  }

  it('marks with Space, compares with the previous trace of an endpoint (C), picks B anew', async () => {
    const {page, errors} = await open('dark')
    await page.keyboard.press('0')
    await page.locator('[data-testid=diff-empty]').waitFor()
    const list = page.getByRole('listbox', {name: 'Traces'})
    await list.focus()
    // The list is newest first: the newer GET / is the 3rd row, the older one the 14th.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press(' ')
    expect(await traceRow(page, listFourBooks).getAttribute('data-mark')).toBe('marked')
    await screenshot(page, 'diff/empty-one-marked-dark')
    await traceRow(page, listThreeBooks).click({modifiers: ['Control']})
    await page.locator('[data-testid=compare-bar]').getByText('Compare').waitFor()
    await screenshot(page, 'diff/two-marked-dark')
    await page.locator('[data-testid=compare-bar]').getByText('Clear').click()
    // C on the focused row: the newest older trace of GET / is the three-books one.
    await list.focus()
    await page.keyboard.press('c')
    await diffReady(page)
    expect(await page.locator('[data-testid=diff-side-a]').getAttribute('data-trace-id')).toBe(
      listThreeBooks,
    )
    expect(await page.locator('[data-testid=diff-side-b]').getAttribute('data-trace-id')).toBe(
      listFourBooks,
    )
    // Change B to a trace picked from the project's list.
    await page.getByRole('button', {name: 'Change trace B'}).click()
    const picker = page.locator('[data-testid=trace-picker]')
    await picker.getByLabel('Filter traces').fill('stats')
    await screenshot(page, 'diff/picker-dark')
    await picker.getByRole('option').filter({hasText: 'GET /stats/'}).first().click()
    await diffReady(page)
    expect(await page.locator('[data-testid=diff-side-b]').getAttribute('data-trace-id')).toBe(
      stats500,
    )
    expect(await page.locator('[data-testid=diff-summary]').innerText()).toMatch(
      /^GET \/stats\/ \(was GET \/\)/,
    )
    expect(errors).toEqual([])
  })

  it('compares two executions of one function in one trace (as the function history asks)', async () => {
    const cli = spawnSync(
      process.execPath,
      [cliPath, 'history', bookshelfApp, 'shelf.models.Book.average_rating', '--json'],
      {encoding: 'utf8'},
    )
    const calls = (
      JSON.parse(cli.stdout) as {calls: {traceId: string; nodeId: number; frameId: string}[]}
    ).calls.filter(c => c.traceId === listFourBooks)
    const [first, second] = calls.sort((x, y) => x.nodeId - y.nodeId)
    const q = new URLSearchParams({
      project: bookshelfApp,
      a: listFourBooks,
      b: listFourBooks,
      frameA: first!.frameId,
      frameB: second!.frameId,
    })
    const link = `kolo-explorer://diff?${q.toString()}`
    const {page, errors} = await open('dark', link)
    await diffReady(page)
    expect(await page.locator('[data-testid=diff-summary]').innerText()).toMatch(
      /^shelf\.models\.Book\.average_rating:/,
    )
    // The roots are the two executions: their arguments differ (another book).
    await page.locator('[data-testid=diff-row]').first().click()
    const args = page.locator('[data-testid=diff-section][data-label=arguments]')
    await args.waitFor()
    expect(await args.innerText()).toMatch(/Book object \(\d\)/)
    expect(await page.locator('[data-testid=diff-copy-link]').getAttribute('data-link')).toBe(link)
    await screenshot(page, 'diff/executions-dark')
    expect(errors).toEqual([])
  })

  it('compares a local trace with a colleague’s .kolo file, picked from the other project', async () => {
    const {page, errors} = await open('light')
    await traceRow(page, detailBeforeReview).click()
    await page.keyboard.press('0')
    await page.locator('[data-testid=compare-previous]').waitFor()
    // GET /books/1/ has an older trace? No: the before-review one is the oldest; pick B instead.
    await page.locator('[data-testid=compare-previous]').click()
    await page.getByText('No older trace of this endpoint').waitFor()
    await compare(page, detailBeforeReview, detailAfterReview)
    await page.getByRole('button', {name: 'Change trace B'}).click()
    const picker = page.locator('[data-testid=trace-picker]')
    await picker
      .getByLabel('Project')
      .selectOption({label: `${path.basename(colleagueFile)} — ${colleagueFile}`})
    await picker.getByRole('listbox').getByRole('option').first().click()
    await diffReady(page)
    const sideB = page.locator('[data-testid=diff-side-b]')
    expect(await sideB.innerText()).toContain(path.basename(colleagueFile))
    expect(await page.locator('[data-testid=diff-summary]').innerText()).toMatch(
      /^GET \/books\/1\/:\s*1 query returns other rows/,
    )
    const copied = await page.locator('[data-testid=diff-copy-link]').getAttribute('data-link')
    expect(new URL(copied!).searchParams.get('projectB')).toBe(colleagueFile)
    await screenshot(page, 'diff/colleague-file-light')
    expect(errors).toEqual([])
  })

  it('opens a comparison from a kolo-explorer://diff link, and copies the same link', async () => {
    const q = new URLSearchParams({project: bookshelfApp, a: stats200, b: stats500})
    const link = `kolo-explorer://diff?${q.toString()}`
    const {page, errors} = await open('dark', link)
    await diffReady(page)
    expect(await page.locator('[data-testid=diff-summary]').innerText()).toContain(
      'returns 500 (was 200)',
    )
    expect(await page.locator('[data-testid=diff-copy-link]').getAttribute('data-link')).toBe(link)
    await screenshot(page, 'diff/deep-link-dark')
    expect(errors).toEqual([])
  })
})
