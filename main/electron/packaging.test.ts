import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {linkScheme} from '../node/projects/route-input'

// electron-builder.yml, checked the way electron-builder checks it (its own schema), plus what the
// app relies on: three platforms, the .kolo association, the link scheme, the unpacked worker.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(path.join(root, 'package.json'))

interface BuilderConfig {
  appId: string
  extraMetadata: {desktopName: string}
  asarUnpack: string[]
  npmRebuild: boolean
  electronFuses: Record<string, boolean>
  fileAssociations: {ext: string; role: string; mimeType: string}[]
  protocols: {schemes: string[]; role: string}[]
  linux: {target: string[]; icon: string; syncDesktopName: boolean; executableName: string}
  mac: {target: string[]; icon: string; hardenedRuntime: boolean}
  win: {target: string[]; icon: string}
  nsis: {perMachine: boolean; include: string}
}

function load(): {config: BuilderConfig; validate?: (c: unknown) => Promise<void>} {
  const yaml = require('js-yaml') as {load(text: string): unknown}
  const config = yaml.load(
    readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'),
  ) as BuilderConfig
  let validate: ((c: unknown) => Promise<void>) | undefined
  try {
    const builder = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: {isEnabled: boolean; add(): void}): Promise<void>
    }
    validate = c => builder.validateConfiguration(c, {isEnabled: false, add: () => undefined})
  } catch {
    validate = undefined // electron-builder's internals moved: the schema check is skipped.
  }
  return {config, validate}
}

function pngSize(file: string): {width: number; height: number} {
  const bytes = readFileSync(file)
  return {width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20)}
}

describe('electron-builder.yml', () => {
  const {config, validate} = load()

  it("passes electron-builder's own schema", async () => {
    if (!validate) return
    await expect(validate(config)).resolves.toBeUndefined()
  })

  it('builds AppImage and deb, dmg, and a per-machine NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.nsis.perMachine).toBe(true)
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.linux.syncDesktopName).toBe(true)
    expect(config.extraMetadata.desktopName).toBe(`${config.linux.executableName}.desktop`)
  })

  it('opens .kolo files as a viewer and kolo-explorer:// links on every platform', () => {
    expect(config.fileAssociations).toContainEqual(
      expect.objectContaining({ext: 'kolo', role: 'Viewer', mimeType: 'application/x-kolo-trace'}),
    )
    expect(config.protocols.flatMap(p => p.schemes)).toEqual([linkScheme])
    // Windows: the installer script registers the scheme electron-builder's NSIS leaves out.
    const nsh = readFileSync(path.join(root, config.nsis.include), 'utf8')
    expect(nsh).toContain(`Software\\Classes\\${linkScheme}`)
    expect(nsh).toMatch(/customUnInstall[\s\S]*DeleteRegKey/)
  })

  it('rebuilds better-sqlite3 for Electron and unpacks what the worker thread loads', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'dist/main/trace-worker.js',
        'dist/main/skim-helper.js',
        'dist/main/project-index-worker.js',
        'node_modules/better-sqlite3/**',
      ]),
    )
    expect(config.electronFuses).toMatchObject({runAsNode: false, onlyLoadAppFromAsar: true})
  })

  it('has icons large enough for every platform', () => {
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const file = path.join(root, icon)
      expect(existsSync(file), icon).toBe(true)
      const {width, height} = pngSize(file)
      expect(width).toBeGreaterThanOrEqual(512)
      expect(height).toBe(width)
    }
  })
})
