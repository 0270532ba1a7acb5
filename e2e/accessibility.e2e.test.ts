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
// - The centre views come from the page's own view tabs (the app's one list of views), the flame
//   chart's modes from its mode switch, the kinds of node from the tree: a view, mode or kind
//   added later is checked without a change here.
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
      for (const s of signatures) report.seen.add(s)
    }
  })
  return reports
}

/** Checks the page as it is now (or the part `include` selects), in both themes. */
type Scene = (name: string, include?: string) => Promise<void>

/** Walks the whole app: the shell, every view of every trace, each kind's details, the dialogs. */
async function walkEveryView(page: Page, scene: Scene): Promise<void> {
  const rows = page.locator('[data-testid=trace-row]')
  await rows.first().waitFor()
  await scene('shell')

  await page.getByTestId('project-add-toggle').click()
  await page.getByTestId('add-project').waitFor()
  await scene('add-project', '[data-testid=project-list]')
  await page.getByTestId('project-add-toggle').click()

  const traceIds = (
    await rows.evaluateAll(els => els.map(e => e.getAttribute('data-trace-id')!))
  ).slice(0, traceLimit)
  expect(traceIds.length).toBeGreaterThan(0)
  for (const traceId of traceIds) {
    await page.locator(`[data-testid=trace-row][data-trace-id="${traceId}"]`).click()
    await waitForTraceReady(page, traceId)
    await page.getByTestId('tab-tree').click()
    await settled(page)
    await scene(`${traceId}/overview`)
    await checkDetailsOfEachKind(page, traceId, scene)

    // The views show a function call (the frame view needs one): the first in the tree.
    await page.locator('[data-testid=tree-row][data-kind=frame]').first().click()
    const tabs = page.getByRole('tablist', {name: 'Views'}).getByRole('tab')
    const count = await tabs.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i)
      const view = (await tab.getAttribute('data-testid'))?.replace(/^tab-/, '') ?? String(i)
      await tab.click()
      await settled(page, 'main')
      await openFirstRows(page)
      await scene(`${traceId}/${view}`, 'main')
      if (view === 'flame') await checkFlameModes(page, traceId, scene)
    }
  }

  await page.getByRole('button', {name: 'Settings'}).click()
  await page.getByRole('dialog', {name: 'Settings'}).waitFor()
  await scene('settings')
  await page.keyboard.press('Escape')

  await page.getByTestId('tab-tree').click()
  await page.keyboard.press('?')
  await page.getByRole('dialog', {name: 'Keyboard shortcuts'}).waitFor()
  await scene('help')
  await page.keyboard.press('Escape')
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

/** Each further mode of the flame view's mode switch (left heavy, sandwich…). */
async function checkFlameModes(page: Page, traceId: string, scene: Scene): Promise<void> {
  const modes = page.getByRole('radiogroup', {name: 'Flame chart mode'}).getByRole('radio')
  const count = await modes.count()
  for (let i = 1; i < count; i++) {
    await modes.nth(i).click()
    await settled(page, 'main')
    const name = (await modes.nth(i).textContent())?.trim() ?? String(i)
    await scene(`${traceId}/flame-${name}`, 'main')
  }
  await modes.first().click()
}

/** Opens the first two closed rows of a list view (SQL, HTTP, templates, logs). */
async function openFirstRows(page: Page): Promise<void> {
  const closed: Locator = page.locator('main [role=tabpanel] .row-toggle[aria-expanded=false]')
  const n = Math.min(2, await closed.count())
  for (let i = 0; i < n; i++) await closed.first().click()
  if (n > 0) await settled(page, 'main')
}
