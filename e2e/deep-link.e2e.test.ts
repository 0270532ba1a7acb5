import {spawnSync} from 'node:child_process'
import path from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  hasChromium,
  launchBrowser,
  openPage,
  screenshot,
  waitForTraceReady,
} from './support/browser'
import {traceRow} from './support/journey'
import {bookshelfApp, cliPath, fixturesDir, hasBuild, hasFixtures} from './support/paths'
import {startServe} from './support/serve'
import type {ServeHandle} from './support/serve'

// kolo-explorer://open?project=…&trace=…&frame=… handed to serve as ?link= beside the token:
// the page opens the project, selects the trace and the frame, and shows where it is.
const deepApp = path.join(fixturesDir, 'bookshelf-deep')
// The 7,450-record GET / of the deep fixture: a frame far down its tree.
const DEEP_TRACE = 'trc_01M8AEDA2VSAHRFXE020CYQTZ9'

const link = (project: string, trace?: string, frame?: string): string => {
  const q = new URLSearchParams({project})
  if (trace !== undefined) q.set('trace', trace)
  if (frame !== undefined) q.set('frame', frame)
  return `kolo-explorer://open?${q.toString()}`
}

interface OpenMatch {
  traceId: string
  nodeId: number
  frameId: string
  qualname: string
  link: string
}

describe.skipIf(!hasChromium || !hasBuild || !hasFixtures)('deep links in serve', () => {
  let server: ServeHandle
  let browser: Browser
  const pages: Page[] = []

  const openLink = async (target: string) => {
    const opened = await openPage(browser, `${server.url}&link=${encodeURIComponent(target)}`)
    pages.push(opened.page)
    return opened
  }

  beforeAll(async () => {
    server = await startServe([bookshelfApp])
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens the trace and frame of a link that `kolo-explorer open` printed', async () => {
    const cli = spawnSync(
      process.execPath,
      [cliPath, 'open', '--file', 'shelf/services.py', '--line', '24', bookshelfApp, '--json'],
      {encoding: 'utf8'},
    )
    const match = (JSON.parse(cli.stdout) as {matches: OpenMatch[]}).matches[0]!
    expect(match.qualname).toBe('shelf.services.import_book')
    const {page, errors} = await openLink(match.link)
    await waitForTraceReady(page, match.traceId)
    expect(await traceRow(page, match.traceId).getAttribute('aria-selected')).toBe('true')
    const details = page.locator(`[data-testid=details][data-node-id="${match.nodeId}"]`)
    await details.waitFor({state: 'visible'})
    expect(await details.innerText()).toContain('import_book')
    // The token went into a cookie; the link stayed out of the server's sight after the swap.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false)
    expect(errors).toEqual([])
  })

  it('opens a project that is not open yet, and scrolls a deep frame into view', async () => {
    // Find a frame far down the tree, and its Kolo frame_id, through the API of the page.
    const {page} = await openPage(browser, server.url)
    pages.push(page)
    await traceRow(page, 'trc_01M8AECT3RY7QP78H3Z53GFN0Y').waitFor()
    const frame = await page.evaluate(
      async ({project, trace}) => {
        const call = async (method: string, req: unknown) => {
          const res = await fetch(`api/${method}`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify(req),
          })
          return (await res.json()) as {ok: boolean; value: never}
        }
        const opened = (await call('openProject', {path: project})).value as {id: string}
        let found: {nodeId: number; frameId: string} | undefined
        for (let nodeId = 3000; nodeId < 3100 && !found; nodeId++) {
          const d = (
            await call('getNodeDetails', {trace: {projectId: opened.id, traceId: trace}, nodeId})
          ).value as {kind: string; frameId?: string}
          if (d.kind === 'frame' && d.frameId) found = {nodeId, frameId: d.frameId}
        }
        // Closed again: the link must open it.
        await call('closeProject', {projectId: opened.id})
        return found
      },
      {project: deepApp, trace: DEEP_TRACE},
    )
    expect(frame).toBeDefined()
    const {page: linked, errors} = await openLink(link(deepApp, DEEP_TRACE, frame!.frameId))
    await waitForTraceReady(linked, DEEP_TRACE)
    await linked.locator(`[data-testid=details][data-node-id="${frame!.nodeId}"]`).waitFor()
    expect(
      await linked.locator('[data-testid=project-row][aria-current=true]').innerText(),
    ).toContain('bookshelf-deep')
    await linked.locator('[data-testid=tab-tree]').click()
    const row = linked.locator(`[data-testid=tree-row][data-node-id="${frame!.nodeId}"]`)
    await row.waitFor({state: 'visible'})
    expect(await row.getAttribute('aria-selected')).toBe('true')
    const box = await row.boundingBox()
    expect(box!.y).toBeGreaterThan(0)
    expect(box!.y).toBeLessThan(900)
    await screenshot(linked, 'deep-link-frame')
    expect(errors).toEqual([])
  })

  it('says so when the linked trace is gone', async () => {
    const {page} = await openLink(link(bookshelfApp, 'trc_01M8AE0000000000000000GONE'))
    const notice = page.locator('[data-testid=notice]')
    await notice.waitFor()
    expect(await notice.innerText()).toContain(
      `Trace trc_01M8AE0000000000000000GONE is not in ${bookshelfApp}`,
    )
    await page.locator('[data-testid=project-row][aria-current=true]').waitFor()
  })

  it('refuses a malformed link, saying why, and opens nothing', async () => {
    const {page} = await openLink('kolo-explorer://open?project=../../etc&trace=trc_1')
    const notice = page.locator('[data-testid=notice]')
    await notice.waitFor()
    expect(await notice.innerText()).toMatch(/Could not open the link: .*not an absolute path/)
    await page.locator('[data-testid=project-row]').first().waitFor()
    expect(await page.locator('[data-testid=trace-row][aria-selected=true]').count()).toBe(0)
  })
})
