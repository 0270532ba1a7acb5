import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {createSettingsApi} from './settings-api'
import {cleanSettings, defaultSettings, SettingsStore} from './settings-store'

const dirs: string[] = []
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kx-settings-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

describe('SettingsStore', () => {
  it('reads defaults when there is no file, and writes nothing until something changes', () => {
    const dir = scratch()
    const store = new SettingsStore(path.join(dir, 'kolo-explorer'))
    expect(store.get()).toEqual(defaultSettings)
    expect(store.warnings()).toEqual([])
    expect(existsSync(store.file)).toBe(false)
  })

  it('saves at once, atomically, and a second store reads it back', () => {
    const dir = scratch()
    const store = new SettingsStore(dir)
    store.update({theme: 'light', followLatest: true})
    store.rememberProject('/src/shop')
    store.rememberProject('/src/blog')
    store.rememberProject('/src/shop')
    store.update({window: {x: 10, y: 20, width: 1200, height: 800, maximized: false}})
    expect(readdirSync(dir)).toEqual(['settings.json'])
    const again = new SettingsStore(dir).get()
    expect(again).toEqual({
      theme: 'light',
      followLatest: true,
      projects: ['/src/blog', '/src/shop'],
      window: {x: 10, y: 20, width: 1200, height: 800, maximized: false},
    })
    store.forgetProject('/src/blog')
    expect(new SettingsStore(dir).get().projects).toEqual(['/src/shop'])
  })

  it('turns a damaged file into defaults and a warning, never a throw, and keeps it aside', () => {
    const dir = scratch()
    const file = path.join(dir, 'settings.json')
    writeFileSync(file, '{"theme": "dark", "followLatest": tru')
    const warn = vi.fn()
    const store = new SettingsStore(dir, warn)
    expect(store.get()).toEqual(defaultSettings)
    expect(store.warnings()).toEqual([`${file}: is not valid JSON; using defaults`])
    expect(warn).toHaveBeenCalledTimes(1)
    store.update({theme: 'dark'})
    expect(readFileSync(`${file}.bad`, 'utf8')).toContain('tru')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({theme: 'dark'})
  })

  it('keeps the valid fields of a half-damaged file', () => {
    const {settings, warnings} = cleanSettings({
      theme: 'purple',
      followLatest: true,
      projects: ['/a', 'relative', 3, '/a', '/b\0c'],
      window: {width: 'wide'},
      extra: 1,
    })
    expect(settings).toEqual({theme: 'system', followLatest: true, projects: ['/a']})
    expect(warnings).toEqual([
      'theme: expected system, dark or light',
      'projects: dropped entries that are not absolute paths',
      'window: ignored damaged window bounds',
    ])
    expect(cleanSettings([1, 2]).warnings).toEqual(['the file does not hold a JSON object'])
    expect(cleanSettings({window: {width: 900, height: 700, x: 1.5}}).settings.window).toEqual({
      width: 900,
      height: 700,
      maximized: false,
    })
  })
})

describe('settings API', () => {
  it('validates, saves and announces a change', async () => {
    const dir = scratch()
    const announced = vi.fn()
    const api = createSettingsApi(new SettingsStore(dir), 'desktop', announced)
    const info = await api.updateSettings({theme: 'dark', followLatest: true})
    expect(info).toEqual({
      theme: 'dark',
      followLatest: true,
      projects: [],
      file: path.join(dir, 'settings.json'),
      host: 'desktop',
      warnings: [],
    })
    expect(announced).toHaveBeenCalledWith(info)
    await expect(api.updateSettings({theme: 'neon'} as never)).rejects.toThrow(/expected one of/)
    await expect(api.updateSettings({projects: ['/etc']} as never)).rejects.toThrow(
      /unexpected field "projects"/,
    )
    expect(await api.getSettings({})).toEqual(info)
  })
})
