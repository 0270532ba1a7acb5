import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hasChromium, launchBrowser, openPage, screenshot} from './support/browser'
import {hasBuild} from './support/paths'
import {startServe} from './support/serve'

describe.skipIf(!hasChromium || !hasBuild)('serve: bad input', () => {
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-empty-'))
    writeFileSync(path.join(dir, 'manage.py'), '# a Django project that Kolo never ran in\n')
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    rmSync(dir, {recursive: true, force: true})
  })

  it('shows a clear error for a folder with no Kolo store', async () => {
    const server = await startServe([dir])
    try {
      const {page} = await openPage(browser, server.url)
      const error = page.locator('[data-testid=error]').first()
      await error.waitFor({state: 'visible'})
      const text = await error.innerText()
      expect(text).toContain(path.basename(dir))
      expect(text.toLowerCase()).toMatch(/no kolo|not a kolo|kolo store|\.kolo/)
      expect(server.stderr()).toContain(dir)
      await screenshot(page, 'bad-input-no-store')
    } finally {
      await server.stop()
    }
  })

  it('refuses a path that does not exist, before serving', async () => {
    const missing = path.join(dir, 'nope')
    await expect(startServe([missing], {timeoutMs: 20_000})).rejects.toThrow(
      /no such file or folder/,
    )
  })
})
