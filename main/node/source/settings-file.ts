import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {EditorPresetId, PathMapping} from '../../../shared/api/source-contract'
import {editorPresetIds} from '../../../shared/api/source-contract'

/** What the explorer remembers about one project's sources, keyed by the project's folder. */
export interface ProjectSourceSettings {
  sourceRoot?: string
  mappings: PathMapping[]
}

/** The remembered editor choice. */
export interface EditorChoice {
  preset: EditorPresetId
  template?: string
}

interface SourcesFile {
  version: 1
  projects: Record<string, ProjectSourceSettings>
}

/**
 * Reads and writes the explorer's own JSON settings in the user data folder (never a user's store).
 *
 * `sources.json` holds source roots and path mappings per project folder; `editor.json` the editor
 * choice. A missing or damaged file reads as empty; writes go through a temp file and a rename, so
 * a crash mid-write leaves the old file.
 */
export class SettingsFiles {
  constructor(readonly dir: string) {}

  /** The settings of one project (empty when none are saved). */
  project(key: string): ProjectSourceSettings {
    const saved = this.readSources().projects[key]
    return {sourceRoot: saved?.sourceRoot, mappings: [...(saved?.mappings ?? [])]}
  }

  /** Replace the settings of one project. */
  saveProject(key: string, settings: ProjectSourceSettings): void {
    const file = this.readSources()
    file.projects[key] = {
      ...(settings.sourceRoot ? {sourceRoot: settings.sourceRoot} : {}),
      mappings: settings.mappings,
    }
    this.write('sources.json', file)
  }

  /** The saved editor choice, if any. */
  editor(): EditorChoice | undefined {
    const raw = this.read('editor.json')
    if (typeof raw !== 'object' || raw === null) return undefined
    const {preset, template} = raw as Record<string, unknown>
    if (typeof preset !== 'string' || !(editorPresetIds as readonly string[]).includes(preset)) {
      return undefined
    }
    return {
      preset: preset as EditorPresetId,
      ...(typeof template === 'string' ? {template} : {}),
    }
  }

  /** Remember the editor choice. */
  saveEditor(choice: EditorChoice): void {
    this.write('editor.json', choice)
  }

  private readSources(): SourcesFile {
    const raw = this.read('sources.json')
    const projects: Record<string, ProjectSourceSettings> = {}
    if (typeof raw === 'object' && raw !== null) {
      const saved = (raw as {projects?: unknown}).projects
      if (typeof saved === 'object' && saved !== null) {
        for (const [key, value] of Object.entries(saved as Record<string, unknown>)) {
          const p = cleanProject(value)
          if (p) projects[key] = p
        }
      }
    }
    return {version: 1, projects}
  }

  private read(name: string): unknown {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, name), 'utf8'))
    } catch {
      return undefined
    }
  }

  private write(name: string, value: unknown): void {
    mkdirSync(this.dir, {recursive: true})
    const target = path.join(this.dir, name)
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`
    writeFileSync(temp, JSON.stringify(value, undefined, 2) + '\n', 'utf8')
    renameSync(temp, target)
  }
}

function cleanProject(value: unknown): ProjectSourceSettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const {sourceRoot, mappings} = value as Record<string, unknown>
  const clean: PathMapping[] = []
  if (Array.isArray(mappings)) {
    for (const m of mappings as unknown[]) {
      const {from, to} = (m ?? {}) as Record<string, unknown>
      if (typeof from === 'string' && typeof to === 'string' && from !== '' && to !== '') {
        clean.push({from, to})
      }
    }
  }
  return {sourceRoot: typeof sourceRoot === 'string' ? sourceRoot : undefined, mappings: clean}
}
