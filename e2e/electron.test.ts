import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {_electron} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {screenshot} from './support/browser'
import {bookshelfApp, hasFixtures, repoRoot} from './support/paths'

// electron is an optionalDependency: where its binary did not download, or there is no display
// (Electron has no headless mode), this suite skips. It reuses `npm start`'s launcher checks and
// its Electron build of better-sqlite3.
interface Launcher {
  electronUnavailable(): string | undefined
  ensureElectronSqlite(version: string, log?: (message: string) => void): string
}
const launcher = (await import(
  pathToFileURL(path.join(repoRoot, 'scripts', 'start-electron.mjs')).href
)) as Launcher
const why = launcher.electronUnavailable()
const main = path.join(repoRoot, 'dist', 'main', 'electron.cjs')

describe.skipIf(why !== undefined || !hasFixtures)('electron', () => {
  it('opens the bookshelf project in a window and lists its traces', async () => {
    const require = createRequire(import.meta.url)
    const version = (
      JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as {
        version: string
      }
    ).version
    const binding = launcher.ensureElectronSqlite(version)
    const userData = mkdtempSync(path.join(tmpdir(), 'kolo-e2e-electron-'))
    const app = await _electron.launch({
      executablePath: require('electron') as string,
      args: [main, `--user-data-dir=${userData}`, '--disable-gpu', bookshelfApp],
      env: {...process.env, XDG_CACHE_HOME: userData, KOLO_EXPLORER_SQLITE_BINDING: binding},
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
})

if (why !== undefined) console.log(`electron e2e skipped: ${why}`)
