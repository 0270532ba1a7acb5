import {chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import {rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeFakeEditors} from '../main/node/testing/fake-editor'
import type {FakeEditors} from '../main/node/testing/fake-editor'
import {hasChromium, launchBrowser, openPage, screenshot, shotsDir} from './support/browser'
import {openTrace, traceRow} from './support/journey'
import {bookshelfApp, fixturesDir, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The Test view on the bookshelf traces (Kolo 2.40, kolo-format.md §10), served from a temp copy
// of the app: saving writes into the project, and never into the fixture.
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'
const REVIEW_302 = 'trc_01M8AECRW7FNRFWMAMFCYF8SQD'
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const STATS_500 = 'trc_01M8AECTT3KXFQWS21XJSMJSZF'
const FORMS_NEW = 'trc_01M8XRMPEAHQ8B2QQZ1TSYCQ29'
const formsApp = path.join(fixturesDir, 'bookshelf-forms', 'app')
const shots = 'testgen-ui'

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('the Test view', () => {
  let tmp: string
  let app: string
  let fake: FakeEditors
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]
  const pathBefore = process.env.PATH

  const testView = (): Locator => page.getByTestId('test-view')
  const text = async (locator: Locator): Promise<string> =>
    (await locator.innerText()).replace(/\s+/g, ' ').trim()
  /** Waits for the Test view to show a test (code and report) and returns its code. */
  const shownCode = async (): Promise<string> => {
    await page.locator('[data-testid=test-view][data-state=ready]').waitFor()
    return page.getByTestId('test-code').locator('pre').innerText()
  }
  const showTest = async (): Promise<string> => {
    await page.getByTestId('tab-test').click()
    return shownCode()
  }
  const pane = (name: 'code' | 'report') => page.getByTestId(`test-pane-${name}`).click()
  /** Both themes, through the colour-scheme media feature the theme follows by default. */
  const shoot = async (name: string): Promise<void> => {
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({colorScheme: scheme})
      await screenshot(page, `${shots}/${name}-${scheme}`)
    }
    await page.emulateMedia({colorScheme: 'dark'})
  }
  /** Selects the call of the tree whose row shows `where` (file:line), filtering by `name`. */
  const selectCall = async (name: string, where: string): Promise<void> => {
    await page.getByTestId('tab-tree').click()
    await page.getByTestId('tree-filter').fill(name)
    await page
      .locator('[data-testid=tree-row][data-kind=frame]')
      .filter({hasText: where})
      .first()
      .click()
    await page.locator('[data-testid=details][data-kind=frame]').waitFor()
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-testgen-view-'))
    app = path.join(tmp, 'app')
    cpSync(bookshelfApp, app, {recursive: true})
    makeWritable(app)
    mkdirSync(path.join(shotsDir, shots), {recursive: true})
    // A fake VS Code on PATH records what "Open in editor" launches.
    fake = makeFakeEditors(['code'])
    process.env.PATH = `${fake.bin}${path.delimiter}${pathBefore ?? ''}`
    server = await startServe([app, formsApp])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
    await page.emulateMedia({colorScheme: 'dark'})
    await traceRow(page, LIST_3).waitFor()
  })

  afterAll(async () => {
    process.env.PATH = pathBefore
    await browser?.close()
    await server?.stop()
    if (fake) rmSync(fake.dir, {recursive: true, force: true})
    rmSync(tmp, {recursive: true, force: true})
  })

  it('GET /: the request test, its code and the rows it arranges', async () => {
    await openTrace(page, LIST_3)
    const code = await showTest()
    expect(code).toContain('class BookListTests(TestCase):')
    expect(code).toContain('self.client.get("/")')
    expect(await testView().getAttribute('data-target-kind')).toBe('request')
    expect(await text(page.getByTestId('test-target'))).toBe('TEST OF THE REQUEST GET /')
    expect(await text(page.getByTestId('test-summary'))).toMatch(
      /^8 rows arranged 0 HTTP mocks 7 asserts 1 not reproduced$/,
    )
    expect(await page.getByTestId('test-code').locator('.hljs-keyword').count()).toBeGreaterThan(5)
    await shoot('get-list-code')
    await pane('report')
    const rows = page.getByTestId('test-arranged-row')
    expect(await rows.count()).toBe(8)
    expect(await text(rows.nth(0))).toBe('author_1 Author shelf_author 1 SELECT #4')
    expect(await text(rows.nth(2))).toBe('book_1 Book shelf_book 1 SELECT #2')
    await rows.nth(2).getByRole('button', {name: 'SELECT #2'}).click()
    await page.locator('[data-testid=details][data-kind=sql][data-node-id="2"]').waitFor()
    expect(await text(page.getByTestId('test-asserts'))).toContain('template shelf/book_list.html')
    await shoot('get-list-report')
    await pane('code')
  })

  it('saves into the project, opens the file, and asks before replacing it', async () => {
    const code = await shownCode()
    const file = path.join(app, 'shelf', 'tests', 'test_book_list.py')
    expect(await page.getByTestId('test-path').inputValue()).toBe('shelf/tests/test_book_list.py')
    await page.getByTestId('test-save-button').click()
    const saved = page.getByTestId('test-saved')
    await saved.waitFor()
    expect(await text(saved)).toContain(`Saved ${file}`)
    expect(readFileSync(file, 'utf8').trimEnd()).toBe(code.trimEnd())
    await saved.getByTestId('test-open-editor').click()
    const calls = await fake.waitForCalls(1)
    expect(calls.at(-1)).toEqual({name: 'code', argv: ['-g', `${file}:1:1`]})
    await expect.poll(() => text(saved)).toContain('Opened in VS Code')

    // Someone edits the file: saving again asks, and Escape keeps their version.
    writeFileSync(file, '# mine\n')
    await page.getByTestId('test-save-button').click()
    const dialog = page.getByRole('alertdialog', {name: 'Replace the existing file?'})
    await dialog.waitFor()
    expect(await text(dialog)).toContain(`${file} already exists`)
    await dialog.locator('[data-testid=confirm-cancel]:focus').waitFor()
    await shoot('overwrite-question')
    await page.keyboard.press('Escape')
    await dialog.waitFor({state: 'detached'})
    await page.locator('[data-testid=test-save-button]:focus').waitFor()
    expect(await text(page.getByTestId('test-kept'))).toContain('was kept as it is')
    expect(readFileSync(file, 'utf8')).toBe('# mine\n')
    // Asked again, Replace writes the test over it.
    await page.getByTestId('test-save-button').click()
    await dialog.getByTestId('confirm-ok').click()
    await expect.poll(() => text(saved)).toContain(`Replaced ${file}`)
    expect(readFileSync(file, 'utf8')).toContain('class BookListTests(TestCase):')
    // Nothing was written into the fixture, or anywhere else in the copy.
    expect(readdirSync(path.join(bookshelfApp, 'shelf'))).not.toContain('tests')
    expect(readdirSync(path.join(app, 'shelf', 'tests'))).toEqual(['test_book_list.py'])
  })

  it('Generate test on average_rating: a unit test of that call, and back to the request', async () => {
    await selectCall('average_rating', 'models.py:19')
    await page.getByTestId('details-generate-test').click()
    await page.locator('[data-testid=test-view][data-target-kind=frame]').waitFor()
    const code = await shownCode()
    expect(code).toContain('result = book_1.average_rating()')
    expect(code).toContain('self.assertEqual(result, 4.5)')
    expect(await text(page.getByTestId('test-target'))).toContain(
      'UNIT TEST OF shelf.models.Book.average_rating shelf/models.py:19',
    )
    await pane('report')
    expect(await text(page.getByTestId('test-asserts'))).toContain('result returns 4.5')
    await shoot('average-rating-report')
    await pane('code')
    await page.getByTestId('test-back-to-request').click()
    await page.locator('[data-testid=test-view][data-target-kind=request]').waitFor()
    expect(await shownCode()).toContain('self.client.get("/")')
  })

  it('a comprehension cannot be imported: the view says so and offers its caller', async () => {
    await selectCall('book_list.<locals>', 'views.py:14')
    await page.getByTestId('details-generate-test').click()
    const nothing = page.getByTestId('test-nothing')
    await nothing.waitFor()
    expect(await text(nothing)).toContain(
      'shelf.views.book_list.<locals>.<listcomp> is a nested function, lambda or comprehension',
    )
    await shoot('comprehension-nothing')
    await nothing.getByTestId('test-caller-frame').click()
    await page.locator('[data-testid=test-view][data-target-kind=frame]').waitFor()
    expect(await text(page.getByTestId('test-target-name'))).toBe('shelf.views.book_list')
    expect(await shownCode()).toContain('from shelf.views import book_list')
  })

  it('500 GET /stats/: price_stats from the frame view raises its ValueError', async () => {
    await openTrace(page, STATS_500)
    await selectCall('price_stats', 'services.py:31')
    await page.getByTestId('tab-frame').click()
    await page.getByTestId('frame-generate-test').click()
    await page.locator('[data-testid=test-view][data-target-kind=frame]').waitFor()
    const code = await shownCode()
    expect(code).toContain('with self.assertRaisesMessage(ValueError, "no books to summarise"):')
    expect(code).toContain('price_stats(books=[])')
    await shoot('price-stats-code')
  })

  it('POST review 302 and the 500 import: writes, redirects, mocks and the exception', async () => {
    await openTrace(page, REVIEW_302)
    expect(await showTest()).toContain('self.assertRedirects(')
    await pane('report')
    const rows = page.getByTestId('test-arranged-row')
    expect(await text(rows.nth(0))).toBe(
      'author_1 Author shelf_author 1 inferred shelf_book.author_id = 1',
    )
    expect(await text(page.getByTestId('test-summary'))).toContain('clock frozen at 2026-11-25')
    await shoot('post-review-report')
    await pane('code')

    await openTrace(page, IMPORT_500)
    expect(await showTest()).toContain('urllib.error.HTTPError')
    await pane('report')
    expect(await text(page.getByTestId('test-mock-row'))).toBe(
      'urllib GET http://127.0.0.1:18767/isbn/0000000000000 404',
    )
    expect(await text(page.getByTestId('test-asserts'))).toContain('exception raises urllib.error')
    await shoot('import-500-report')
    await pane('code')
    await shoot('import-500-code')
  })

  it("the forms app's GET /books/new/: authors inferred from the page's <select>", async () => {
    await page.locator(`[data-testid=project-row][title="${formsApp}"]`).click()
    await openTrace(page, FORMS_NEW)
    const code = await showTest()
    expect(code).toContain('Author.objects.create(id=1, name="Octavia E. Butler")')
    await pane('report')
    const rows = page.getByTestId('test-arranged-row')
    expect(await rows.count()).toBe(2)
    expect(await text(rows.nth(1))).toContain(
      'inferred from the response\'s <select name="author">',
    )
    expect(await text(page.getByTestId('test-summary'))).toContain('2 rows arranged 2 inferred')
    await shoot('forms-new-report')
    await pane('code')
    await shoot('forms-new-code')
    expect(errors).toEqual([])
  })
})

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755)
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) makeWritable(full)
    else chmodSync(full, 0o644)
  }
}
