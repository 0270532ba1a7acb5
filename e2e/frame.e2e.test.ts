import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeFakeEditors} from '../main/node/testing/fake-editor'
import type {FakeEditors} from '../main/node/testing/fake-editor'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {openTrace} from './support/journey'
import {bookshelfApp, fixturesDir, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// bookshelf (Kolo 2.40): the 200 POST /import/ runs import_isbn -> import_book -> fetch_isbn
// (urllib), two SQL queries on line 21, a log, an INSERT and a log; import_book returns a Book.
const IMPORT_200 = 'trc_01M8AECSSNPE9A6FZBYCE8WXZN'
// bookshelf-deep: GET /api/books/, django frames traced, their paths ../../usr/lib/python3/…
const DEEP_API = 'trc_01M8AEDA1CX75FH8YZWTW4J2A6'
const bookshelfDeep = path.join(fixturesDir, 'bookshelf-deep')

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('frame view', () => {
  let tmp: string
  let moved: {store: string; source: string}
  let fake: FakeEditors
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]

  const frame = (): Locator => page.getByTestId('frame-view')
  /** Selects a project by its label: a row of the project list, or the header's select. */
  const selectProject = async (label: string): Promise<void> => {
    const select = page.locator('select.project-select')
    if ((await select.count()) > 0) {
      await select.selectOption({label})
      return
    }
    const name = page.locator('.project-name', {hasText: new RegExp(`^${label}$`)})
    await page.getByTestId('project-row').filter({has: name}).first().click()
  }
  /** Opens `traceId` of the selected project and the frame view of the first frame `filter` finds. */
  const openFrame = async (traceId: string, filter: string): Promise<void> => {
    await openTrace(page, traceId)
    await page.getByTestId('tab-tree').click()
    // The filter keeps the ancestors of a match, so pick the row that is the match.
    await page.getByTestId('tree-filter').fill(filter)
    const row = page.locator('[data-testid=tree-row][data-kind=frame]', {hasText: filter}).first()
    await row.click()
    await page.getByTestId('tab-frame').click()
    await frame().waitFor({state: 'visible'})
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-frame-'))
    // The bookshelf store with its source moved away: .kolo/ here, the code in another folder.
    moved = {store: path.join(tmp, 'moved-store'), source: path.join(tmp, 'checkout')}
    mkdirSync(path.join(moved.store, '.kolo'), {recursive: true})
    cpSync(
      path.join(bookshelfApp, '.kolo', 'db.sqlite3'),
      path.join(moved.store, '.kolo', 'db.sqlite3'),
    )
    cpSync(path.join(bookshelfApp, 'shelf'), path.join(moved.source, 'shelf'), {recursive: true})
    // A fake VS Code first on PATH records its argv (VS Code is the first preset detected).
    // startServe gives the child private settings (XDG_CONFIG_HOME below its cache folder).
    fake = makeFakeEditors(['code'])
    process.env.PATH = `${fake.bin}${path.delimiter}${process.env.PATH ?? ''}`
    server = await startServe([bookshelfApp, moved.store, bookshelfDeep])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(tmp, {recursive: true, force: true})
    rmSync(fake.dir, {recursive: true, force: true})
  })

  it('shows import_book with isbn at the def line and the Book at the return line', async () => {
    await selectProject('app')
    await openFrame(IMPORT_200, 'shelf.services.import_book')
    expect(await page.getByTestId('frame-title').innerText()).toBe('shelf.services.import_book')
    const impl = page.getByTestId('frame-implementation')
    await impl.locator('[data-line="19"][data-mark=call]').waitFor()
    const defLine = impl.locator('[data-line="19"]')
    expect(await defLine.innerText()).toContain('def import_book(isbn):')
    expect(await defLine.getByTestId('inline-arg').textContent()).toBe("isbn = '9780553283686'")
    const returnLine = impl.locator('[data-line="28"][data-mark=return]')
    expect(await returnLine.getByTestId('inline-return').textContent()).toBe(
      '→ <Book: Book object (4)>',
    )
    // The locals at the end, and the calls made on line 21 (two SQL queries).
    expect(await impl.getByTestId('inline-locals-row').textContent()).toContain('created = True')
    expect(await impl.locator('[data-line="21"]').getByTestId('call-chip').innerText()).toMatch(
      /SQL\s*×2/,
    )
    await screenshot(page, 'frame-import-book')
  })

  it('shows the caller, the chain request -> view -> service, and the calls made', async () => {
    const caller = page.getByTestId('frame-called-from')
    expect(await caller.innerText()).toContain('shelf.views.import_isbn')
    expect(await caller.locator('[data-line="44"][data-mark=at]').innerText()).toContain(
      'book = import_book(request.POST["isbn"])',
    )
    const chain = page.getByTestId('frame-chain').getByTestId('chain-entry')
    expect(await chain.count()).toBe(3)
    expect(await chain.nth(0).innerText()).toContain('POST /import/')
    expect(await chain.nth(1).innerText()).toContain('shelf.views.import_isbn')
    expect(await chain.nth(1).locator('[data-mark=at]').innerText()).toContain('44')
    expect(await chain.nth(2).innerText()).toContain('shelf.services.import_book')
    const children = page.getByTestId('frame-children').getByTestId('child-row')
    const kinds = await children.evaluateAll(rows => rows.map(r => r.getAttribute('data-kind')))
    expect(kinds).toEqual(['frame', 'outbound', 'sql', 'sql', 'log', 'sql', 'log'])
    expect(await children.nth(1).innerText()).toContain(
      'GET http://127.0.0.1:18767/isbn/9780553283686',
    )
  })

  it('clicking the caller excerpt selects the caller frame; the values are trees', async () => {
    await page.getByTestId('called-from-code').click()
    await expect
      .poll(() => page.getByTestId('frame-title').innerText())
      .toBe('shelf.views.import_isbn')
    await page
      .getByTestId('frame-chain')
      .getByTestId('chain-entry')
      .nth(2)
      .waitFor({state: 'detached'})
    // Back to import_book through its call chip on line 44.
    await page.getByTestId('frame-implementation').getByTestId('call-chip').first().click()
    await expect
      .poll(() => page.getByTestId('frame-title').innerText())
      .toBe('shelf.services.import_book')
    expect(await page.getByTestId('values-args').innerText()).toContain("'9780553283686'")
  })

  it('opens the frame in the editor: the fake VS Code gets -g file:line:column', async () => {
    await page.getByTestId('frame-open-editor').click()
    await expect.poll(() => page.getByTestId('editor-status').innerText()).toContain('Opened')
    const calls = await fake.waitForCalls(1)
    expect(calls).toEqual([
      {name: 'code', argv: ['-g', `${path.join(bookshelfApp, 'shelf', 'services.py')}:19:1`]},
    ])
    // F4 opens the same place again.
    await page.getByTestId('frame-title').click()
    await page.keyboard.press('F4')
    expect((await fake.waitForCalls(2))[1]?.argv[1]).toMatch(/services\.py:19:1$/)
  })

  it('moved source: says not found, takes the suggested mapping, then shows the code', async () => {
    await selectProject('moved-store')
    await openFrame(IMPORT_200, 'shelf.services.import_book')
    const impl = page.getByTestId('frame-implementation')
    const missing = impl.getByTestId('source-not-found')
    await missing.waitFor()
    expect(await missing.innerText()).toContain('Source not found')
    expect(await impl.getByTestId('mapping-to').inputValue()).toBe(moved.source + '/')
    await screenshot(page, 'frame-source-not-found')
    await impl.getByTestId('add-mapping').click()
    await impl.locator('[data-line="19"]').waitFor()
    expect(await impl.locator('[data-line="19"]').innerText()).toContain('def import_book(isbn):')
    expect(await page.getByTestId('source-not-found').count()).toBe(0)
    const settings = path.join(server.cacheHome, 'config', 'kolo-explorer', 'sources.json')
    const saved = readFileSync(settings, 'utf8')
    expect(JSON.parse(saved)).toMatchObject({
      projects: {[moved.store]: {mappings: [{from: moved.store + '/', to: moved.source}]}},
    })
    await screenshot(page, 'frame-source-mapped')
  })

  it('deep trace: library frames outside the project resolve when the file exists here', async () => {
    await selectProject('bookshelf-deep')
    await openFrame(DEEP_API, 'BaseHandler._get_response')
    const impl = page.getByTestId('frame-implementation')
    // ../../usr/lib/… is relative to the traced process's working directory (two levels deep).
    if (existsSync('/usr/lib/python3/dist-packages/django/core/handlers/base.py')) {
      await impl.locator('[data-mark=call]').waitFor()
      expect(await impl.locator('[data-mark=call]').innerText()).toContain('def _get_response')
    } else {
      const missing = impl.getByTestId('source-not-found')
      await missing.waitFor()
      expect(await missing.textContent()).toContain(
        'Source not found: ../../usr/lib/python3/dist-packages/django/core/handlers/base.py',
      )
    }
    await screenshot(page, 'frame-deep-library')
    // API refusals arrive as HTTP statuses the console logs (a superseded load is a 409): fine.
    expect(errors.filter(e => !e.startsWith('Failed to load resource'))).toEqual([])
  })
})
