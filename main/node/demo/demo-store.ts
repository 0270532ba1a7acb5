import {randomBytes} from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {homedir} from 'node:os'
import path from 'node:path'
import {demoSources} from './demo-source'
import {DEMO_VERSION, demoTraces} from './demo-traces'
import {writeKolo2Store} from '../kolo-writer/kolo2-store'

/** The file in the demo project that records which demo version wrote it. */
export const DEMO_STAMP = '.kolo-explorer-demo'

/** `$XDG_CACHE_HOME/kolo-explorer`, or `~/.cache/kolo-explorer`. */
export function defaultDemoBase(): string {
  const xdg = process.env.XDG_CACHE_HOME
  const cache = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache')
  return path.join(cache, 'kolo-explorer')
}

/**
 * Makes sure the demo project exists and is current; returns its folder (`<baseDir>/demo`).
 *
 * The project (Python sources plus a Kolo 2.40 `.kolo/db.sqlite3`) is built in a temporary
 * sibling and renamed into place, so a reader never sees half a store and two processes racing
 * both end up with a complete one. A folder from another demo version is replaced; nothing is
 * written outside `baseDir`.
 */
export function ensureDemoStore(baseDir: string = defaultDemoBase()): string {
  const project = path.join(baseDir, 'demo')
  if (isCurrent(project)) return project
  if (existsSync(project) && !existsSync(path.join(project, DEMO_STAMP))) {
    throw new Error(`${project} exists but is not a Kolo Explorer demo project; move it away`)
  }
  mkdirSync(baseDir, {recursive: true})
  const staging = mkdtempSync(path.join(baseDir, '.demo-new-'))
  try {
    for (const [file, text] of Object.entries(demoSources)) {
      mkdirSync(path.dirname(path.join(staging, file)), {recursive: true})
      writeFileSync(path.join(staging, file), text)
    }
    writeKolo2Store(staging, demoTraces())
    writeFileSync(path.join(staging, DEMO_STAMP), `${DEMO_VERSION}\n`)
    const old = path.join(baseDir, `.demo-old-${randomBytes(4).toString('hex')}`)
    if (existsSync(project)) renameSync(project, old)
    try {
      renameSync(staging, project)
    } catch (error) {
      // Another process put a demo in place between our rename and theirs: keep theirs if current.
      if (!isCurrent(project)) throw error
    }
    rmSync(old, {recursive: true, force: true})
  } finally {
    rmSync(staging, {recursive: true, force: true})
  }
  return project
}

function isCurrent(project: string): boolean {
  try {
    const stamp = readFileSync(path.join(project, DEMO_STAMP), 'utf8').trim()
    return stamp === String(DEMO_VERSION) && existsSync(path.join(project, '.kolo', 'db.sqlite3'))
  } catch {
    return false
  }
}
