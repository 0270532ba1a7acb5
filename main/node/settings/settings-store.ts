import {copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {AppSettings, ThemeSetting} from '../../../shared/api/projects-contract'

/** The window's last bounds, so the next start opens where the user left it. */
export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

/** Everything in settings.json. */
export interface StoredSettings extends AppSettings {
  window?: WindowState
}

/** The name of the file in the settings folder (beside the source service's sources.json). */
export const settingsFileName = 'settings.json'

/** Settings when there is no file, or it is damaged. */
export const defaultSettings: Readonly<StoredSettings> = Object.freeze({
  theme: 'system',
  followLatest: false,
  projects: [],
})

const themes: readonly ThemeSetting[] = ['system', 'dark', 'light']
const maxProjects = 200

/**
 * Check what was read from settings.json, keeping every valid field and dropping the rest.
 *
 * Returns the settings and one warning per field that was dropped. Never throws: a damaged file
 * costs the user a setting, never the app.
 */
export function cleanSettings(raw: unknown): {settings: StoredSettings; warnings: string[]} {
  const warnings: string[] = []
  const settings: StoredSettings = {...defaultSettings, projects: []}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {settings, warnings: ['the file does not hold a JSON object']}
  }
  const r = raw as Record<string, unknown>
  if (r.theme !== undefined) {
    if (themes.includes(r.theme as ThemeSetting)) settings.theme = r.theme as ThemeSetting
    else warnings.push('theme: expected system, dark or light')
  }
  if (r.followLatest !== undefined) {
    if (typeof r.followLatest === 'boolean') settings.followLatest = r.followLatest
    else warnings.push('followLatest: expected true or false')
  }
  if (r.projects !== undefined) {
    if (Array.isArray(r.projects)) {
      const good = (r.projects as unknown[]).filter(
        (p): p is string =>
          typeof p === 'string' && p.length <= 4096 && path.isAbsolute(p) && !p.includes('\0'),
      )
      if (good.length < r.projects.length) {
        warnings.push('projects: dropped entries that are not absolute paths')
      }
      settings.projects = [...new Set(good)].slice(0, maxProjects)
    } else {
      warnings.push('projects: expected a list of paths')
    }
  }
  if (r.window !== undefined) {
    const w = cleanWindow(r.window)
    if (w) settings.window = w
    else warnings.push('window: ignored damaged window bounds')
  }
  return {settings, warnings}
}

function cleanWindow(raw: unknown): WindowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const {x, y, width, height, maximized} = raw as Record<string, unknown>
  const int = (v: unknown, lo: number, hi: number): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi
  if (!int(width, 200, 100_000) || !int(height, 150, 100_000)) return undefined
  const state: WindowState = {width, height, maximized: maximized === true}
  if (int(x, -100_000, 100_000) && int(y, -100_000, 100_000)) {
    state.x = x
    state.y = y
  }
  return state
}

/**
 * The app's settings file, `settings.json` in the user data folder.
 *
 * Read once (lazily) and kept; every change is written at once through a temp file and a rename,
 * so a crash mid-write leaves the previous file. A damaged file reads as defaults plus warnings,
 * and is kept aside as `settings.json.bad` when the first change overwrites it.
 */
export class SettingsStore {
  readonly file: string
  private current: StoredSettings | undefined
  private problems: string[] = []
  private damaged = false

  constructor(
    readonly dir: string,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {
    this.file = path.join(dir, settingsFileName)
  }

  /** The settings (defaults when there is no file). */
  get(): StoredSettings {
    this.current ??= this.read()
    return this.current
  }

  /** Problems met reading the file. */
  warnings(): string[] {
    this.get()
    return [...this.problems]
  }

  /** Change some settings and save them; returns the new settings. */
  update(patch: Partial<StoredSettings>): StoredSettings {
    const next: StoredSettings = {...this.get(), ...patch}
    for (const key of Object.keys(next) as (keyof StoredSettings)[]) {
      if (next[key] === undefined) delete next[key]
    }
    this.write(next)
    this.current = next
    return next
  }

  /** Remember a project path (most recent first); no-op when it is remembered already. */
  rememberProject(projectPath: string): void {
    const projects = this.get().projects
    if (projects.includes(projectPath)) return
    this.update({projects: [projectPath, ...projects].slice(0, maxProjects)})
  }

  /** Forget a project path. */
  forgetProject(projectPath: string): void {
    const projects = this.get().projects
    if (!projects.includes(projectPath)) return
    this.update({projects: projects.filter(p => p !== projectPath)})
  }

  private read(): StoredSettings {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.warn(`cannot be read (${(error as Error).message}); using defaults`)
      }
      return {...defaultSettings, projects: []}
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      this.damaged = true
      this.warn('is not valid JSON; using defaults')
      return {...defaultSettings, projects: []}
    }
    const {settings, warnings} = cleanSettings(raw)
    if (warnings.length > 0) this.damaged = true
    for (const w of warnings) this.warn(w)
    return settings
  }

  private warn(problem: string): void {
    const message = `${this.file}: ${problem}`
    this.problems.push(message)
    this.onWarning(message)
  }

  private write(settings: StoredSettings): void {
    mkdirSync(this.dir, {recursive: true})
    if (this.damaged) {
      try {
        copyFileSync(this.file, `${this.file}.bad`)
      } catch {
        // Nothing to keep.
      }
      this.damaged = false
    }
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`
    try {
      writeFileSync(temp, JSON.stringify(settings, undefined, 2) + '\n', 'utf8')
      renameSync(temp, this.file)
    } catch (error) {
      rmSync(temp, {force: true})
      throw error
    }
  }
}
