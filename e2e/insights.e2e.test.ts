import {execFile} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeFakeEditors} from '../main/node/testing/fake-editor'
import type {FakeEditors} from '../main/node/testing/fake-editor'
import {shellWords} from '../shared/insights/shell-words'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {openTrace, traceRow} from './support/journey'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// The bookshelf store (Kolo 2.40, kolo-format.md §10). Its two GET / traces list 3 and 4 books:
// each book costs an author query (views.py:14) and a review query (models.py:20, inside
// Book.average_rating, called in the list comprehension at views.py:14).
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'
const LIST_4 = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'
const DETAILS = ['trc_01M8AECRWHAMYV0EMY8TCT439H', 'trc_01M8AECRJF3KNZR6RYHFDDYP3Z']
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const REVIEW_400 = 'trc_01M8AECS69RS1M5K1NQBMZB98T'
const TEST_LISTS = 'trc_01M8AECWD7FXEP7N91TPXMEQMB'
const TEST_API = 'trc_01M8AECWCN4F3RJS5DYPA6WFSZ'
const curlPath = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].find(p => existsSync(p))

interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('insight panels', () => {
  let tmp: string
  let fake: FakeEditors
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]
  let replay: http.Server
  let replayOrigin = ''
  const received: Received[] = []

  const tab = async (view: string): Promise<void> => {
    await page.getByTestId(`tab-${view}`).click()
    await page.getByTestId(`${view}-panel`).waitFor({state: 'visible'})
  }
  const findings = (): Locator => page.getByTestId('n-plus-one')
  const text = async (locator: Locator): Promise<string> =>
    (await locator.innerText()).replace(/\s+/g, ' ').trim()

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-insights-'))
    // A fake VS Code records what open-in-editor launches; settings go to a private folder.
    process.env.XDG_CONFIG_HOME = path.join(tmp, 'config')
    fake = makeFakeEditors(['code'])
    process.env.PATH = `${fake.bin}${path.delimiter}${process.env.PATH ?? ''}`
    mkdirSync(path.join(tmp, 'config', 'kolo-explorer'), {recursive: true})
    writeFileSync(path.join(tmp, 'config', 'kolo-explorer', 'editor.json'), '{"preset": "vscode"}')
    // The local server the copied curl command is replayed against.
    replay = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        received.push({method: req.method ?? '', url: req.url ?? '', headers: req.headers, body})
        res.end('replayed')
      })
    })
    await new Promise<void>(resolve => replay.listen(0, '127.0.0.1', resolve))
    replayOrigin = `http://127.0.0.1:${(replay.address() as AddressInfo).port}`
    server = await startServe([bookshelfApp])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await new Promise<void>(resolve => (replay ? replay.close(() => resolve()) : resolve()))
    rmSync(tmp, {recursive: true, force: true})
    if (fake) rmSync(fake.dir, {recursive: true, force: true})
  })

  it('GET / (3 books): two N+1 findings with call site, loop and fix; one duplicate', async () => {
    await openTrace(page, LIST_3)
    await tab('sql')
    await expect.poll(() => findings().count()).toBe(2)
    const [author, review] = [findings().nth(0), findings().nth(1)]
    expect(await author.getAttribute('data-count')).toBe('3')
    expect(await text(author)).toContain('shelf_author queried 3×')
    expect(await text(author.getByTestId('n-plus-one-site'))).toContain('shelf/views.py:14')
    expect(await text(author.getByTestId('n-plus-one-loop'))).toContain('shelf/views.py:14')
    expect(await text(author.getByTestId('n-plus-one-fix'))).toContain('select_related("author")')
    expect(await review.getAttribute('data-count')).toBe('3')
    const reviewSite = await text(review.getByTestId('n-plus-one-site'))
    expect(reviewSite).toContain('shelf/models.py:20')
    expect(reviewSite).toContain('shelf.models.Book.average_rating')
    expect(await text(review.getByTestId('n-plus-one-loop'))).toContain('shelf/views.py:14')
    expect(await text(review.getByTestId('n-plus-one-fix'))).toContain('prefetch_related')
    expect(await text(page.getByTestId('sql-count'))).toBe('7 queries')
    expect(await text(page.getByTestId('sql-duplicates'))).toBe('1 duplicate')
    expect(await page.getByTestId('sql-row').count()).toBe(7)
    // The per-trace summary: header (with the N+1 count) and trace list.
    expect(await text(page.getByTestId('header-sql'))).toMatch(
      /queries 7 dup 1 in SQL [\d.]+ ms 2 N\+1/,
    )
    expect(await text(traceRow(page, LIST_3).getByTestId('trace-sql-summary'))).toMatch(
      /^7 queries · 1 dup · [\d.]+ ms$/,
    )
    await screenshot(page, 'insights-sql-n-plus-one')
  })

  it('a query opens with formatted SQL, parameters and rows under the SELECT list names', async () => {
    await page.locator('[data-testid=sql-row] .sql-row-line').nth(1).click()
    const open = page.getByTestId('sql-expanded')
    await open.getByTestId('sql-rows').waitFor()
    expect(await open.locator('.code-block pre').first().innerText()).toContain(
      'FROM\n  "shelf_author"',
    )
    const heads = await open.getByTestId('sql-rows').locator('th').allInnerTexts()
    expect(heads).toEqual(['#', 'id', 'name', 'born'])
    await screenshot(page, 'insights-sql-query-open')
  })

  it('the call site opens in the editor and jumps to the frame; tree and flame links select', async () => {
    const open = page.getByTestId('sql-expanded')
    await open.getByTestId('call-site').first().click()
    const calls = await fake.waitForCalls(1)
    expect(calls[0]).toEqual({
      name: 'code',
      argv: ['-g', `${path.join(bookshelfApp, 'shelf', 'views.py')}:14:1`],
    })
    await open.getByTestId('jump-frame').click()
    await expect
      .poll(() => page.getByTestId('tab-frame').getAttribute('aria-selected'))
      .toBe('true')
    await tab('sql')
    await page.locator('[data-testid=sql-row] .sql-row-line').nth(1).click()
    await page.getByTestId('sql-expanded').getByRole('button', {name: 'tree'}).click()
    await expect.poll(() => page.getByTestId('tab-tree').getAttribute('aria-selected')).toBe('true')
    await page.locator('[data-testid=details][data-kind=sql]').waitFor()
  })

  it('GET / (4 books): the same findings, four queries each', async () => {
    await openTrace(page, LIST_4)
    await tab('sql')
    await expect.poll(() => findings().count()).toBe(2)
    expect(await findings().nth(0).getAttribute('data-count')).toBe('4')
    expect(await findings().nth(1).getAttribute('data-count')).toBe('4')
    expect(await text(page.getByTestId('sql-duplicates'))).toBe('1 duplicate')
  })

  it.each(DETAILS)('GET /books/1/ (%s): no N+1, no duplicates', async id => {
    await openTrace(page, id)
    await tab('sql')
    await expect.poll(() => page.getByTestId('sql-row').count()).toBe(2)
    expect(await findings().count()).toBe(0)
    expect(await text(page.getByTestId('sql-nplusone'))).toBe('0 N+1')
    expect(await text(page.getByTestId('sql-duplicates'))).toBe('0 duplicates')
  })

  it('500 POST /import/: the outbound call with its response, and the exception', async () => {
    await openTrace(page, IMPORT_500)
    await tab('http')
    const outbound = page.getByTestId('http-outbound')
    expect(await text(outbound)).toMatch(
      /OUT 404 GET http:\/\/127\.0\.0\.1:18767\/isbn\/0000000000000/,
    )
    const inbound = page.getByTestId('http-request')
    expect(await text(inbound.locator('.insight-row-line'))).toMatch(/IN 500 POST \/import\//)
    expect(await text(page.getByTestId('url-pattern'))).toContain('shelf.views.import_isbn')
    expect(await text(page.getByTestId('http-exception'))).toContain(
      'urllib.error.HTTPError: HTTP Error 404: Not Found',
    )
    await screenshot(page, 'insights-http-500')
    await outbound.locator('.insight-row-line').click()
    await page.getByTestId('http-outbound-body').waitFor()
    expect(await text(page.getByTestId('http-outbound-body'))).toContain(
      'BaseHTTP/0.6 Python/3.11.2',
    )
  })

  it('shows the HTML error page as source and as a sandboxed preview whose scripts never ran', async () => {
    await page.getByTestId('http-tab-response').click()
    await page.getByTestId('html-preview-button').click()
    const iframe = page.getByTestId('html-preview')
    expect(await iframe.getAttribute('sandbox')).toBe('')
    const frame = page.frameLocator('[data-testid=html-preview]')
    expect(await frame.locator('h1').innerText()).toContain('HTTPError')
    // Django's page hides its locals tables from window.onload: visible means no script ran.
    expect(await frame.locator('table.vars').first().isVisible()).toBe(true)
    await screenshot(page, 'insights-http-preview')
  })

  it(`copies the request as curl, which replays against a local server (${curlPath ? 'curl' : 'node:http'})`, async () => {
    await page.getByTestId('http-tab-copy').click()
    await page.getByTestId('replay-origin').fill(replayOrigin)
    const command = await page.getByTestId('copy-command-text').locator('pre').innerText()
    expect(command).toContain(`curl -X 'POST' '${replayOrigin}/import/'`)
    await screenshot(page, 'insights-http-copy-curl')
    if (curlPath) {
      await new Promise<void>((resolve, reject) => {
        execFile('/bin/sh', ['-c', command], {timeout: 10_000}, error => {
          if (error) reject(new Error(`sh -c curl failed: ${error.message}`))
          else resolve()
        })
      })
    } else {
      await replayWithNode(shellWords(command))
    }
    const got = received.at(-1)!
    expect([got.method, got.url, got.body]).toEqual(['POST', '/import/', 'isbn=0000000000000'])
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(got.headers['user-agent']).toBe('Python-urllib/3.11')
    expect(got.headers['accept-encoding']).toBe('identity')
    await page.getByTestId('copy-format-django').click()
    expect(await page.getByTestId('copy-command-text').innerText()).toContain(
      "response = self.client.post(\n    '/import/',\n    data='isbn=0000000000000',",
    )
  })

  it('the exception: summary, traceback with user lines that open the editor, locals', async () => {
    await tab('logs')
    const row = page.getByTestId('exception-row')
    expect(await text(row.getByTestId('log-message'))).toBe(
      'urllib.error.HTTPError: HTTP Error 404: Not Found',
    )
    const frames = page.getByTestId('traceback-frame')
    await frames.first().waitFor()
    expect(await frames.count()).toBe(11)
    const user = page.locator('[data-testid=traceback-frame][data-user=true]')
    expect(await user.allInnerTexts()).toEqual([
      expect.stringContaining('shelf/views.py:44'),
      expect.stringContaining('shelf/services.py:20'),
      expect.stringContaining('shelf/services.py:15'),
    ])
    // The raising frame's locals are open.
    expect(await text(page.getByTestId('traceback-locals'))).toMatch(/isbn ?: '0000000000000'/)
    await screenshot(page, 'insights-logs-exception')
    const before = fake.calls().length
    await user.nth(2).getByTestId('traceback-open').click()
    const calls = await fake.waitForCalls(before + 1)
    expect(calls.at(-1)?.argv).toEqual([
      '-g',
      `${path.join(bookshelfApp, 'shelf', 'services.py')}:15:1`,
    ])
    await user.nth(2).getByTestId('traceback-frame-link').click()
    await expect
      .poll(() => page.getByTestId('tab-frame').getAttribute('aria-selected'))
      .toBe('true')
  })

  it('400 review: the warning log with its formatted message and logger', async () => {
    await openTrace(page, REVIEW_400)
    await tab('logs')
    const log = page.getByTestId('log-row')
    expect(await log.getAttribute('data-level')).toBe('WARNING')
    expect(await text(log.getByTestId('log-message'))).toBe('rejected review for book 2')
    expect(await text(log)).toContain('shelf.views')
    expect(await text(page.getByTestId('tab-count-logs'))).toBe('1')
    await log.locator('.insight-row-line').click()
    expect(await text(page.getByTestId('log-body'))).toContain('rejected review for book %s')
    await screenshot(page, 'insights-logs-warning')
  })

  it.each([
    [TEST_LISTS, 'test_lists_books', 'GET /'],
    [TEST_API, 'test_api_pages', 'GET /api/books/'],
  ])('test trace %s: %s of BookListTests with its nested request', async (id, name, request) => {
    await openTrace(page, id)
    await tab('http')
    const test = page.getByTestId('http-test')
    expect(await text(test.getByTestId('test-name'))).toBe(name)
    expect(await text(test.getByTestId('test-class'))).toBe('in BookListTests')
    const nested = page.locator('[data-testid=http-request].nested')
    expect(await nested.count()).toBe(1)
    expect(await text(nested.locator('.insight-row-line'))).toContain(`200 ${request}`)
    if (name === 'test_lists_books') await screenshot(page, 'insights-http-test')
  })

  it('templates: name, nesting, render time and context', async () => {
    await openTrace(page, LIST_3)
    await tab('templates')
    const rows = page.getByTestId('template-row')
    expect(await rows.getByTestId('template-name').allInnerTexts()).toEqual([
      'shelf/book_list.html',
      'shelf/base.html',
    ])
    await rows.first().locator('.insight-row-line').click()
    await page.locator('[data-testid=template-row] [data-testid=value-tree]').first().waitFor()
    expect(await text(rows.first())).toContain('rows')
    await screenshot(page, 'insights-templates')
  })

  it('logged no errors in the page (the sandboxed preview refusing scripts aside)', () => {
    expect(
      errors.filter(
        e => !/status of 404/.test(e) && !/Blocked script execution in 'about:srcdoc'/.test(e),
      ),
    ).toEqual([])
  })
})

/** Replay curl's words with node:http when there is no curl binary: -X, -H, --data-raw, the URL. */
function replayWithNode(words: string[]): Promise<void> {
  let method = 'GET'
  let url = ''
  let body: string | undefined
  const headers: Record<string, string> = {}
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!
    if (w === '-X') method = words[++i]!
    else if (w === '-H') {
      const h = words[++i]!
      headers[h.slice(0, h.indexOf(':'))] = h.slice(h.indexOf(':') + 1).trim()
    } else if (w === '--data-raw') body = words[++i]!
    else url = w
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, {method, headers}, res => {
      res.resume()
      res.on('end', () => resolve())
    })
    req.on('error', reject)
    req.end(body)
  })
}
