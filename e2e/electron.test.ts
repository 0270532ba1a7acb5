import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {_electron} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {screenshot} from './support/browser'
import {bookshelfApp, hasBuild, hasFixtures, repoRoot} from './support/paths'

// electron is an optionalDependency: where its binary did not download, this suite skips.
function electronBinary(): string | undefined {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}
const electronPath = electronBinary()
// Electron has no headless mode: on Linux it needs a display (or xvfb-run).
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY)
const main = path.join(repoRoot, 'dist', 'main', 'electron.cjs')

describe.skipIf(!electronPath || !hasDisplay || !hasBuild || !existsSync(main) || !hasFixtures)(
  'electron',
  () => {
    it('opens the bookshelf project in a window and lists its traces', async () => {
      const userData = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-electron-'))
      const app = await _electron.launch({
        executablePath: electronPath,
        args: [main, `--user-data-dir=${userData}`, '--no-sandbox', '--disable-gpu', bookshelfApp],
        env: {...process.env, XDG_CACHE_HOME: userData},
      })
      try {
        const window = await app.firstWindow()
        const rows = window.locator('[data-testid=trace-row]')
        await rows.first().waitFor({state: 'visible', timeout: 60_000})
        expect(await rows.count()).toBe(15)
        await screenshot(window, 'electron-bookshelf')
      } finally {
        await app.close()
        rmSync(userData, {recursive: true, force: true})
      }
    })
  },
)
