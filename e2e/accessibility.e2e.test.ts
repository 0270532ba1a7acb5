import type {Browser, Locator, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {axeFindings, reportFindings, sceneSignatures} from './support/axe'
import type {AxeFinding} from './support/axe'
import {hasChromium, launchBrowser, openPage, waitForTraceReady} from './support/browser'
import {bookshelfApp, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'

// WCAG 2.1 A/AA (axe-core) on every view of every trace of the bookshelf store and of the
// embedded demo, in the light and the dark theme, failing on any violation.
//
// - What is checked is a table: `traceViews` (each centre view of an open trace, and what more
//   to show in it) and `appScenes` (what does not belong to one trace: the welcome page, the diff
//   view, dialogs). A view added later is one line; a view tab missing from the table fails.
//   The flame chart's modes come from its mode switch, the kinds of node from the tree.
// - Each scene (a view of a trace, the details of a kind of node, a dialog) is shown in both
//   themes. axe runs on it unless every element in it looks like one already checked in that
//   theme (same tag, role, classes, ARIA, text, focus, scrolling, colours and background, size,
//   opacity: see sceneSignatures); that keeps the suite to a couple of minutes.
// - KOLO_A11Y_TRACES=n checks only the first n traces of each store (while debugging).

const themes = ['light', 'dark'] as const
type Theme = (typeof themes)[number]
const targets = [
  {name: 'bookshelf', paths: () => [bookshelfApp]},
  {name: 'demo', paths: () => []},
]
const traceLimit = Number(process.env.KOLO_A11Y_TRACES ?? Infinity)

// Placeholders views show while they load or compute.
const pending = /^(Loading|Analysing|Building|Merging|Counting|Reading)/

/** Waits until nothing in `scope` is busy: no aria-busy, no loading placeholder. */
async function settled(page: Page, scope = 'body'): Promise<void> {
  await page.waitForFunction(
    ({selector, pattern}) => {
      const root = document.querySelector(selector)
      if (!root || root.querySelector('[aria-busy="true"]')) return false
      const re = new RegExp(pattern)
      return ![...root.querySelectorAll('.pane-empty, .details-loading, .muted')].some(e =>
        re.test((e.textContent ?? '').trim()),
      )
    },
    {selector: scope, pattern: pending.source},
    {timeout: 30_000},
  )
}

/** What one theme's walk found. */
interface ThemeReport {
  scenes: number
  checked: number
  findings: AxeFinding[]
  seen: Set<string>
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('accessibility (axe-core)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  // The two stores are walked at once, each in its own page (and renderer process).
  for (const target of targets) {
    it.concurrent(
      `${target.name}: no WCAG 2.1 A/AA violation on any view, light or dark`,
      {timeout: 400_000},
      async () => {
        const server = await startServe(target.paths())
        try {
          const {page, errors} = await openPage(browser, server.url)
          const reports = await walkInBothThemes(page)
          await page.context().close()
          for (const theme of themes) {
            const r = reports[theme]
            console.log(
              `a11y ${target.name} ${theme}: ${r.scenes} scenes, ${r.checked} checked by axe, ${r.findings.length} violations`,
            )
          }
          const all = themes.flatMap(t => reports[t].findings)
          expect(all.length, reportFindings(all)).toBe(0)
          expect(errors).toEqual([])
        } finally {
          await server.stop()
        }
      },
    )
  }
})

/** Walks the app, checking each scene in both themes; what each theme's walk found. */
async function walkInBothThemes(page: Page): Promise<Record<Theme, ThemeReport>> {
  const fresh = (): ThemeReport => ({scenes: 0, checked: 0, findings: [], seen: new Set()})
  const reports: Record<Theme, ThemeReport> = {light: fresh(), dark: fresh()}
  await walkEveryView(page, async (name, include) => {
    for (const theme of themes) {
      await page.emulateMedia({colorScheme: theme})
      const report = reports[theme]
      report.scenes++
      const signatures = await sceneSignatures(page, include)
      if (signatures.every(s => report.seen.has(s))) continue
      report.checked++
      report.findings.push(...(await axeFindings(page, `${theme}/${name}`, include)))
      if (process.env.KOLO_A11Y_VERBOSE) {
        console.log(`a11y ${theme}/${name}: ${report.findings.length}`)
      }
      for (const s of signatures) report.seen.add(s)
    }
  })
  return reports
}

/** Checks the page as it is now (or the part `include` selects), in both themes. */
type Scene = (name: string, include?: string) => Promise<void>

/** One centre view of an open trace: its tab, and what more to show and check in it. */
interface TraceView {
  view: string
  more?: (page: Page, scene: Scene, name: string) => Promise<void>
}

/** One scene that does not belong to a trace: how to show it, what to check, how to leave it. */
interface AppScene {
  name: string
  /** The view tab it covers, if any (the diff view). */
  view?: string
  /** Runs once, after the traces were walked. */
  show: (page: Page) => Promise<void>
  include?: string
  more?: (page: Page, scene: Scene, name: string) => Promise<void>
  leave?: (page: Page) => Promise<void>
}

/** The centre views of a trace, in tab order. */
const traceViews: TraceView[] = [
  {view: 'tree'},
  {view: 'flame', more: flameModes},
  {view: 'graph', more: graphAsText},
  {view: 'frame'},
  {view: 'test', more: testReport},
  {view: 'sql', more: openFirstRows},
  {view: 'http', more: openFirstRows},
  {view: 'templates', more: openFirstRows},
  {view: 'logs', more: openFirstRows},
]

/** What is not one trace's: the diff view of two traces, the dialogs. */
const appScenes: AppScene[] = [
  {
    name: 'overview',
    view: 'overview',
    show: async page => {
      await page.getByTestId('tab-overview').click()
      await page.getByTestId('overview').waitFor()
    },
    include: 'main',
    more: (page, scene, name) => eachTab(page, scene, name, 'Overview views'),
    leave: page => page.getByTestId('tab-tree').click(),
  },
  {
    name: 'palette',
    show: async page => {
      await page.keyboard.press('Control+k')
      await page.getByTestId('palette').waitFor()
      await page.getByTestId('palette-input').fill('import')
      await page.getByTestId('palette-option').first().waitFor()
    },
    leave: page => page.keyboard.press('Escape'),
  },
  {
    name: 'diff',
    view: 'diff',
    show: compareFirstTwo,
    include: 'main',
    more: (page, scene, name) => eachTab(page, scene, name, 'What to compare'),
    leave: page => page.getByTestId('tab-tree').click(),
  },
  {
    name: 'settings',
    show: async page => {
      await page.getByRole('button', {name: 'Settings'}).click()
      await page.getByRole('dialog', {name: 'Settings'}).waitFor()
    },
    leave: page => page.keyboard.press('Escape'),
  },
  {
    name: 'help',
    show: async page => {
      await page.getByTestId('tab-tree').focus()
      await page.keyboard.press('?')
      await page.getByRole('dialog', {name: 'Keyboard shortcuts'}).waitFor()
    },
    leave: page => page.keyboard.press('Escape'),
  },
]

/** Walks the whole app: the welcome page, every view of every trace, each kind's details, the rest. */
async function walkEveryView(page: Page, scene: Scene): Promise<void> {
  const rows = page.locator('[data-testid=trace-row]')
  await rows.first().waitFor()
  // The start page: the project overview (or, without one, the welcome page).
  await page.locator('[data-testid=overview], .welcome').first().waitFor()
  await settled(page)
  await scene('start')

  await page.getByTestId('project-add-toggle').click()
  await page.getByTestId('add-project').waitFor()
  await scene('add-project', '[data-testid=project-list]')
  await page.getByTestId('project-add-toggle').click()

  // Every view tab has a line in the tables: a new view cannot go unchecked.
  const tabs = page.getByRole('tablist', {name: 'Views', exact: true}).getByRole('tab')
  const tabIds = await tabs.evaluateAll(els =>
    els.map(e => e.getAttribute('data-testid')!.replace(/^tab-/, '')),
  )
  const listed = [...traceViews.map(v => v.view), ...appScenes.flatMap(s => s.view ?? [])]
  expect(tabIds.filter(t => !listed.includes(t))).toEqual([])

  const traceIds = (
    await rows.evaluateAll(els => els.map(e => e.getAttribute('data-trace-id')!))
  ).slice(0, traceLimit)
  expect(traceIds.length).toBeGreaterThan(0)
  for (const traceId of traceIds) {
    await page.getByTestId('tab-tree').click()
    await page.locator(`[data-testid=trace-row][data-trace-id="${traceId}"]`).click()
    await waitForTraceReady(page, traceId)
    await settled(page)
    await scene(`${traceId}/overview`)
    await checkDetailsOfEachKind(page, traceId, scene)

    // The views show a function call (the frame and test views need one): the first in the tree.
    await page.locator('[data-testid=tree-row][data-kind=frame]').first().click()
    for (const {view, more} of traceViews) {
      await page.getByTestId(`tab-${view}`).click()
      await settled(page, 'main')
      await scene(`${traceId}/${view}`, 'main')
      await more?.(page, scene, `${traceId}/${view}`)
    }
  }

  for (const s of appScenes) {
    await s.show(page)
    await settled(page, s.include)
    await scene(s.name, s.include)
    await s.more?.(page, scene, s.name)
    await s.leave?.(page)
  }
}

/** The details pane of the first node of each kind in the tree (all of it expanded). */
async function checkDetailsOfEachKind(page: Page, traceId: string, scene: Scene): Promise<void> {
  await page.getByRole('button', {name: 'Expand all'}).click()
  const kinds = await page
    .locator('[data-testid=tree-row]')
    .evaluateAll(els => [...new Set(els.map(e => e.getAttribute('data-kind')!))])
  for (const kind of kinds) {
    await page.locator(`[data-testid=tree-row][data-kind=${kind}]`).first().click()
    await page.locator(`[data-testid=details][data-kind=${kind}]`).waitFor()
    await settled(page, '[data-testid=details]')
    await scene(`${traceId}/details-${kind}`, '.details-pane')
  }
}

/** Each further mode of the flame view's mode switch (left heavy, sandwich…), and its text view. */
async function flameModes(page: Page, scene: Scene, name: string): Promise<void> {
  const modes = page.getByRole('radiogroup', {name: 'Flame chart mode'}).getByRole('radio')
  const count = await modes.count()
  for (let i = 1; i < count; i++) {
    await modes.nth(i).click()
    await settled(page, 'main')
    const mode = (await modes.nth(i).textContent())?.trim() ?? String(i)
    await scene(`${name}-${mode}`, 'main')
  }
  await modes.first().click()
  const asText = page.getByTestId('flame-text-toggle')
  if ((await asText.count()) === 0) return
  await asText.click()
  await page.getByTestId('flame-outline').waitFor()
  await scene(`${name}-text`, 'main')
  await asText.click()
}

/** The call graph as a table. */
async function graphAsText(page: Page, scene: Scene, name: string): Promise<void> {
  const toggle = page.getByTestId('graph-text-toggle')
  await toggle.click()
  await page.getByTestId('graph-table').waitFor()
  await scene(`${name}-text`, 'main')
  await toggle.click()
}

/** The test view's report pane beside its code. */
async function testReport(page: Page, scene: Scene, name: string): Promise<void> {
  const report = page.getByTestId('test-pane-report')
  if ((await report.count()) === 0) return
  await report.click()
  await settled(page, 'main')
  await scene(`${name}-report`, 'main')
  await page.getByTestId('test-pane-code').click()
}

/** Opens the first two closed rows of a list view (SQL, HTTP, templates, logs). */
async function openFirstRows(page: Page, scene: Scene, name: string): Promise<void> {
  const closed: Locator = page.locator('main [role=tabpanel] .row-toggle[aria-expanded=false]')
  const n = Math.min(2, await closed.count())
  for (let i = 0; i < n; i++) await closed.first().click()
  if (n === 0) return
  await settled(page, 'main')
  await scene(`${name}-open`, 'main')
}

/** Ctrl+clicks the first two traces of the list and compares them: the diff view. */
async function compareFirstTwo(page: Page): Promise<void> {
  const rows = page.locator('[data-testid=trace-row]')
  await page.getByTestId('tab-diff').click()
  await settled(page, 'main')
  if ((await rows.count()) < 2) return
  await rows.nth(1).click({modifiers: ['Control']})
  await rows.nth(0).click({modifiers: ['Control']})
  await page.getByTestId('compare-marked').click()
  await page.locator('[data-testid=diff-view][data-diff-ready=true]').waitFor({timeout: 60_000})
}

/** Each further tab of a view's own tab list (the diff view's, the overview's). */
async function eachTab(page: Page, scene: Scene, name: string, list: string): Promise<void> {
  const tabs = page.getByRole('tablist', {name: list}).getByRole('tab')
  const count = await tabs.count()
  for (let i = 1; i < count; i++) {
    const id = (await tabs.nth(i).getAttribute('data-testid')) ?? String(i)
    await tabs.nth(i).click()
    await settled(page, 'main')
    await scene(`${name}/${id}`, 'main')
  }
  if (count > 0) await tabs.first().click()
}
