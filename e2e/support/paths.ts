import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The built CLI the suite runs (`npm run build` makes it). */
export const cliPath = path.join(repoRoot, 'dist', 'main', 'cli.js')

/** The shared Kolo fixtures: `$KOLO_FIXTURES`, or `../shared/fixtures` beside the repository. */
export const fixturesDir =
  process.env.KOLO_FIXTURES ?? path.resolve(repoRoot, '..', 'shared', 'fixtures')

/** The bookshelf app written by Kolo 2.40 (read-only). */
export const bookshelfApp = path.join(fixturesDir, 'bookshelf', 'app')

/** Whether the fixtures are present (they live outside the repository). */
export const hasFixtures = existsSync(path.join(bookshelfApp, '.kolo', 'db.sqlite3'))

/** Whether `npm run build` has produced what the suite needs. */
export const hasBuild =
  existsSync(cliPath) && existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))
