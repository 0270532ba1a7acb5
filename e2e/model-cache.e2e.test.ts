import fs from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeKoloContainer} from '../main/node/kolo-writer/kolo3-container'
import {decodeExact} from '../main/node/testing/exact-decoder'
import {bookshelf} from '../main/node/testing/fixtures'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {openTrace, selectTreeRow, textOnceShown} from './support/journey'
import {fixturesDir, hasBuild} from './support/paths'
import {startServe} from './support/serve'

// The bookshelf store as Kolo 3.x writes it (one .kolo container per trace). GET / lists three
// books: seven queries (two N+1 groups), a frame per view with its locals.
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'
const STATS_200 = 'trc_01M8AECTGEBBQF7G1H98B96VD2'
const fixture = path.join(fixturesDir, 'bookshelf-v3')
const hasV3 = fs.existsSync(path.join(fixture, '.kolo', '.internal', 'raw', `${LIST_3}.kolo`))

/** What the page shows of a trace: the tree's first screen, a query's and a frame's values, the SQL panel. */
interface Shown {
  tree: string[]
  sqlDetails: string
  frameDetails: string
  sqlCount: string
  sqlRows: string[]
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

async function shown(page: Page): Promise<Shown> {
  const tree = (await page.locator('[data-testid=tree-row]').allInnerTexts()).map(squash)
  const sql = await selectTreeRow(page, 'sql')
  // The header shows at once; the rows come with the query's details.
  const sqlDetails = squash(await textOnceShown(sql, 'SELECT', 'ROWS'))
  const frame = await selectTreeRow(page, 'frame', 'book_list')
  const frameDetails = squash(await textOnceShown(frame, 'book_list', 'RETURN VALUE'))
  await page.locator('[data-testid=tree-filter]').fill('')
  await page.getByTestId('tab-sql').click()
  await page.getByTestId('sql-panel').waitFor({state: 'visible'})
  const sqlCount = squash(await page.getByTestId('sql-count').innerText())
  const sqlRows = (await page.getByTestId('sql-row').allInnerTexts()).map(squash)
  await page.getByTestId('tab-tree').click()
  return {tree, sqlDetails, frameDetails, sqlCount, sqlRows}
}

/** A writable copy of a read-only fixture tree. */
function copyStore(from: string, to: string): void {
  fs.cpSync(from, to, {recursive: true})
  const walk = (dir: string): void => {
    fs.chmodSync(dir, 0o755)
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else fs.chmodSync(file, 0o644)
    }
  }
  walk(to)
}

describe.skipIf(!hasChromium || !hasBuild || !hasV3)('the model cache across restarts', () => {
  let tmp: string
  let store: string
  let cacheHome: string
  let browser: Browser
  let first: Shown
  let entry: string
  let entryBytes: Buffer

  const models = (): string => path.join(cacheHome, 'kolo-explorer', 'models')
  const entries = (): string[] =>
    fs.existsSync(models()) ? fs.readdirSync(models()).filter(n => n.endsWith('.kxc')) : []
  const raw = (traceId: string): string =>
    path.join(store, '.kolo', '.internal', 'raw', `${traceId}.kolo`)

  /** Waits until the model cache holds one entry and its file is written whole. */
  async function settledEntry(): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const names = entries()
      if (names.length === 1) {
        const file = path.join(models(), names[0]!)
        const size = fs.statSync(file).size
        await new Promise(r => setTimeout(r, 100))
        if (fs.existsSync(file) && fs.statSync(file).size === size && size > 0) return file
      } else {
        await new Promise(r => setTimeout(r, 100))
      }
    }
    throw new Error(`no settled cache entry in ${models()}: ${entries().join(', ')}`)
  }

  /** A fresh server on the same store and cache, a fresh page, the trace opened: what it shows. */
  async function session(shot?: string): Promise<Shown> {
    const server = await startServe([store], {cacheHome})
    try {
      const {page, errors} = await openPage(browser, server.url)
      await openTrace(page, LIST_3)
      const result = await shown(page)
      if (shot) await screenshot(page, shot)
      expect(errors).toEqual([])
      await page.close()
      // The entry is written after the answer: let the server finish it before it stops.
      await settledEntry()
      return result
    } finally {
      await server.stop()
    }
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(tmpdir(), 'kolo-e2e-model-cache-'))
    store = path.join(tmp, 'store')
    cacheHome = path.join(tmp, 'cache')
    fs.mkdirSync(cacheHome)
    copyStore(fixture, store)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
  })

  it('opens the trace and caches its built model', async () => {
    expect(entries()).toEqual([])
    first = await session()
    expect(first.tree.length).toBeGreaterThan(5)
    expect(first.tree[0]).toContain('GET /')
    expect(first.sqlCount).toBe('7 queries')
    expect(first.sqlRows).toHaveLength(7)
    expect(first.sqlDetails).toContain('SELECT')
    expect(first.frameDetails).toContain('book_list')
    entry = await settledEntry()
    entryBytes = fs.readFileSync(entry)
  })

  it('after a restart, reopens it from the cache: the same tree, values and SQL', async () => {
    // Age the entry: a hit touches it, a rebuild writes a new file (another inode).
    const old = new Date('2001-01-01T00:00:00Z')
    fs.utimesSync(entry, old, old)
    const inode = fs.statSync(entry).ino
    expect(await session('model-cache-reopened')).toEqual(first)
    expect(entries()).toEqual([path.basename(entry)])
    const after = fs.statSync(entry)
    expect(after.ino).toBe(inode)
    expect(after.mtimeMs).toBeGreaterThan(old.getTime() + 1000)
  })

  it('detects a truncated entry and rebuilds it: the same result', async () => {
    fs.truncateSync(entry, Math.floor(entryBytes.length / 2))
    expect(await session()).toEqual(first)
    expect(entries()).toEqual([path.basename(entry)])
    expect(fs.statSync(entry).size).toBe(entryBytes.length)
  })

  it('detects an entry overwritten with garbage and rebuilds it: the same result', async () => {
    const garbage = Buffer.alloc(entryBytes.length)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff
    fs.writeFileSync(entry, garbage)
    expect(await session()).toEqual(first)
    const rebuilt = fs.readFileSync(entry)
    expect(rebuilt.length).toBe(entryBytes.length)
    expect(rebuilt.subarray(0, 64)).toEqual(entryBytes.subarray(0, 64))
  })

  it('does not serve a trace whose body changed (a 3.x file rewritten) from the cache', async () => {
    // Kolo writes another body under the same id (the records of GET /stats/), atomically.
    const other = decodeExact(bookshelf().get(STATS_200)!) as Map<string, unknown>
    other.set('trace_id', LIST_3)
    fs.writeFileSync(`${raw(LIST_3)}.new`, writeKoloContainer(other))
    fs.renameSync(`${raw(LIST_3)}.new`, raw(LIST_3))
    const server = await startServe([store], {cacheHome})
    try {
      const {page, errors} = await openPage(browser, server.url)
      await openTrace(page, LIST_3)
      const tree = (await page.locator('[data-testid=tree-row]').allInnerTexts()).map(squash)
      expect(tree[0]).toContain('GET /stats/')
      expect(tree).not.toEqual(first.tree)
      expect(errors).toEqual([])
      await page.close()
      // The old body's entry made way for the new body's.
      const file = await settledEntry()
      expect(path.basename(file)).not.toBe(path.basename(entry))
    } finally {
      await server.stop()
    }
  })
})
