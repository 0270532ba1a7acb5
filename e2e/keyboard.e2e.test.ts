import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {injectAxe} from './support/axe'
import {hasChromium, launchBrowser, openPage, waitForTraceReady} from './support/browser'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// Keyboard only: no click, no mouse move. Each step checks where focus is and what a screen
// reader says there (the accessible name, computed by axe-core, of the focused element or of
// the item its aria-activedescendant points at).
//
// bookshelf: the 200 POST /import/ runs import_isbn → import_book → fetch_isbn, then SQL; in the
// 500 one (the next newer trace), fetch_isbn raises.
const IMPORT_200 = 'trc_01M8AECSSNPE9A6FZBYCE8WXZN'
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'

/** What has focus: its role and accessible name, and those of its active descendant. */
interface Focus {
  role: string
  name: string
  testId: string
  /** The item aria-activedescendant points at (a list's option, a tree's item), if any. */
  item?: {role: string; name: string; dataset: Record<string, string | undefined>}
}

/** The focused element as a screen reader meets it. */
async function focus(page: Page): Promise<Focus> {
  await injectAxe(page)
  return page.evaluate(() => {
    type Axe = {
      setup: (node: Node) => unknown
      teardown: () => void
      commons: {
        text: {accessibleText: (el: Element) => string}
        aria: {getRole: (el: Element) => string | null}
      }
    }
    const axe = (window as unknown as {axe: Axe}).axe
    const el = document.activeElement ?? document.body
    axe.setup(document)
    try {
      const describe = (e: Element) => ({
        role: axe.commons.aria.getRole(e) ?? '',
        name: axe.commons.text.accessibleText(e).replace(/\s+/g, ' ').trim(),
      })
      const id = el.getAttribute('aria-activedescendant')
      const item = id ? document.getElementById(id) : null
      return {
        ...describe(el),
        testId: el.getAttribute('data-testid') ?? '',
        item: item ? {...describe(item), dataset: {...item.dataset}} : undefined,
      }
    } finally {
      axe.teardown()
    }
  })
}

/** Presses `key` until `done` holds of the focus (at most `max` times); the last focus. */
async function pressUntil(
  page: Page,
  key: string,
  done: (f: Focus) => boolean,
  max = 60,
): Promise<Focus> {
  let f = await focus(page)
  for (let i = 0; i < max && !done(f); i++) {
    await page.keyboard.press(key)
    f = await focus(page)
    if (process.env.KOLO_KB_DEBUG) console.log(key, JSON.stringify(f))
  }
  expect(done(f), `after ${max} × ${key}, focus is ${JSON.stringify(f)}`).toBe(true)
  return f
}

/** The text of a live region once it says something matching `pattern`. */
async function announced(page: Page, testId: string, pattern: RegExp): Promise<string> {
  const region = page.getByTestId(testId)
  await region.filter({hasText: pattern}).waitFor({state: 'attached', timeout: 10_000})
  return (await region.textContent()) ?? ''
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('keyboard only', () => {
  let server: ServeHandle
  let browser: Browser
  let page: Page
  let errors: string[]
  beforeAll(async () => {
    server = await startServe([bookshelfApp])
    browser = await launchBrowser()
    ;({page, errors} = await openPage(browser, server.url))
    await page.locator('[data-testid=trace-row]').first().waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens a trace from the list', async () => {
    // The first Tab offers the skip link; further Tabs reach the trace list.
    await page.keyboard.press('Tab')
    expect(await focus(page)).toMatchObject({role: 'link', name: 'Skip to the trace'})
    await pressUntil(page, 'Tab', f => f.role === 'listbox' && f.name === 'Traces')
    const row = await pressUntil(page, 'ArrowDown', f => f.item?.dataset.traceId === IMPORT_200)
    expect(row.item).toMatchObject({role: 'option'})
    expect(row.item!.name).toMatch(/^200, POST \/import\/, /)
    await page.keyboard.press('Enter')
    await waitForTraceReady(page, IMPORT_200)
  })

  it('walks the tree to import_book and opens its frame view', async () => {
    await page.keyboard.press('1')
    const tree = await focus(page)
    expect(tree).toMatchObject({role: 'tree', name: 'Call tree'})
    await page.keyboard.press('Home')
    await page.keyboard.press('*') // everything below the request, opened
    const at = await pressUntil(page, 'ArrowDown', f => /\bimport_book\b/.test(f.item?.name ?? ''))
    expect(at.item!.role).toBe('treeitem')
    // Enter on a function: its frame view, focus on the frame's heading.
    await page.keyboard.press('Enter')
    await page.getByTestId('tab-frame').and(page.locator('[aria-selected=true]')).waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName.match(/^H[1-6]$/) !== null)
    const heading = await focus(page)
    expect(heading.role).toBe('heading')
    expect(heading.name).toMatch(/import_book/)
  })

  it('reads the SQL import_book ran', async () => {
    await page.keyboard.press('6')
    // Focus lands in the SQL view (its list, or the panel while the list renders).
    const view = await focus(page)
    expect(view.role).toMatch(/^(list|listbox|region|table|grid|tabpanel)$/)
    expect(view.name).toMatch(/SQL|quer/i)
    // Tab to the first query's row (a button that opens it) and open it with Enter.
    const query = await pressUntil(
      page,
      'Tab',
      f => f.role === 'button' && /\b(SELECT|INSERT)\b/.test(f.name),
      12,
    )
    await page.keyboard.press('Enter')
    const expanded = page.locator('main [aria-expanded=true]')
    await expanded.first().waitFor()
    expect(await focus(page)).toMatchObject({name: query.name})
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
    expect(text).toMatch(/shelf_book/)
  })

  it('selects a flame rectangle and moves to its parent, announced', async () => {
    // Back in the tree, import_book again; then the flame chart shows it selected.
    await page.keyboard.press('1')
    await page.keyboard.press('Home')
    await pressUntil(page, 'ArrowDown', f => /\bimport_book\b/.test(f.item?.name ?? ''))
    await page.keyboard.press('2')
    const chart = await focus(page)
    expect(chart.role).toBe('application')
    expect(chart.name).toMatch(/flame/i)
    await page.keyboard.press('ArrowDown') // the first call inside import_book
    const child = await announced(page, 'flame-announce', /level 4/)
    expect(child).not.toMatch(/^shelf\.services\.import_book/)
    await page.keyboard.press('ArrowUp')
    expect(await announced(page, 'flame-announce', /import_book/)).toMatch(/level 3/)
    await page.keyboard.press('ArrowUp') // its parent: the view that called it
    const parent = await announced(page, 'flame-announce', /import_isbn/)
    expect(parent).toMatch(/level 2/)
    expect((await focus(page)).role).toBe('application')
  })

  it('reaches the exception through the graph', async () => {
    // Alt+↑: the next newer trace, the failed import, from anywhere.
    await page.keyboard.press('Alt+ArrowUp')
    await waitForTraceReady(page, IMPORT_500)
    await page.keyboard.press('3')
    await page.locator('[data-testid=call-graph][data-laid-out]').waitFor()
    const graph = await focus(page)
    expect(graph.role).toBe('application')
    expect(graph.name).toMatch(/^Call graph of \d+ functions$/)
    // E: along the exception path, from its start to where it was raised.
    let said = ''
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('e')
      const now = (await page.getByTestId('graph-announce').textContent()) ?? ''
      if (now.startsWith('No exception path') || now === said) break
      said = now
      if (process.env.KOLO_KB_DEBUG) console.log('E', said)
      expect(said).toMatch(/on the exception path/)
    }
    expect(said).toMatch(/fetch_isbn/)
    expect((await focus(page)).name).toBe(graph.name)
  })

  it('changes a setting and closes the dialog, focus given back', async () => {
    const before = await focus(page)
    await page.keyboard.press('Control+,')
    await page.getByRole('dialog', {name: 'Settings'}).waitFor()
    const theme = await pressUntil(page, 'Tab', f => f.role === 'radio', 20)
    expect(theme.name).toMatch(/^(Follow the system|Light|Dark)$/)
    const dark = await pressUntil(page, 'ArrowRight', f => f.name === 'Dark', 3)
    expect(dark.role).toBe('radio')
    await page.locator('[data-testid=theme-dark][aria-checked=true]').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog', {name: 'Settings'}).waitFor({state: 'detached'})
    // Focus goes back on the frame after the dialog is gone (dialog-focus.ts): wait for it.
    await page.waitForFunction(() => document.activeElement !== document.body, undefined, {
      timeout: 2000,
    })
    expect(await focus(page)).toMatchObject({role: before.role, name: before.name})
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(errors).toEqual([])
  })
})
