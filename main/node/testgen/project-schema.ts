import fs from 'node:fs'
import path from 'node:path'
import {schemaFromKolo} from '../../../shared/testgen/kolo-schema'
import type {ModelSchema, ProjectSchema} from '../../../shared/testgen/schema'
import {emptySchema} from '../../../shared/testgen/schema'
import {locateInProject} from '../store/locate'
import {ReadOnlyDb} from '../store/read-only-db'
import {schemaFromSource} from './source-schema'

/** Where to look for a project's schema. */
export interface SchemaSources {
  /** The project's source root (the folder holding .kolo/, or the configured one). */
  sourceRoot: string
  /** The Kolo database, when it is not the one under `sourceRoot`. */
  dbFile?: string
  /** The commit the trace was recorded on: a schema saved at that commit wins. */
  commitSha?: string
}

/**
 * The project's models: Kolo's saved schema (`kolo store-django-model-schema`) when the store has
 * one, enriched from the source (`__str__`, decimal places, USE_TZ); else read from the source.
 */
export function loadProjectSchema(sources: SchemaSources): ProjectSchema {
  const dbFile = sources.dbFile ?? locateInProject(sources.sourceRoot)?.dbFile
  const saved = dbFile && fs.existsSync(dbFile) ? savedSchema(dbFile, sources.commitSha) : undefined
  const fromSource = fs.existsSync(sources.sourceRoot)
    ? schemaFromSource(sources.sourceRoot)
    : undefined
  if (saved) return fromSource ? enrich(saved, fromSource) : saved
  if (fromSource && fromSource.models.some(m => !m.module.startsWith('django.'))) return fromSource
  return {
    ...(fromSource ?? emptySchema),
    origin: fromSource ? 'source' : 'none',
    notes: [
      ...(fromSource?.notes ?? []),
      `no models found in ${sources.sourceRoot} and no saved Kolo schema`,
    ],
  }
}

/** The schema Kolo saved for `commitSha`, else its latest one (said in a note). */
export function savedSchema(
  dbFile: string,
  commitSha: string | undefined,
): ProjectSchema | undefined {
  const db = new ReadOnlyDb(dbFile)
  try {
    const conn = db.connection()
    const table = conn
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schemas'")
      .get()
    if (!table) return undefined
    const rows = conn
      .prepare(
        'SELECT data, git_commit AS commitSha FROM schemas ORDER BY created_at DESC, id DESC',
      )
      .all() as {data: string; commitSha: string | null}[]
    if (rows.length === 0) return undefined
    const exact = commitSha === undefined ? undefined : rows.find(r => r.commitSha === commitSha)
    const row = exact ?? rows[0]!
    const notes: string[] = []
    if (!exact && commitSha !== undefined) {
      notes.push(
        `no schema saved at the trace's commit ${commitSha.slice(0, 12)}: used the latest (${row.commitSha?.slice(0, 12) ?? 'no commit'})`,
      )
    }
    let data: unknown
    try {
      data = JSON.parse(row.data)
    } catch {
      return undefined
    }
    return schemaFromKolo(data, notes)
  } catch {
    return undefined
  } finally {
    db.close()
  }
}

/** The saved schema, with what only the source says (`__str__`, decimal places, USE_TZ). */
function enrich(saved: ProjectSchema, source: ProjectSchema): ProjectSchema {
  const byTable = new Map<string, ModelSchema>(source.models.map(m => [m.table, m]))
  const models = saved.models.map(m => {
    const s = byTable.get(m.table)
    if (!s) return m
    const fields = m.fields.map(f => {
      const sf = s.fields.find(x => x.column === f.column)
      return sf
        ? {
            ...f,
            maxLength: sf.maxLength,
            decimalPlaces: sf.decimalPlaces,
            firstChoice: sf.firstChoice,
          }
        : f
    })
    return {...m, fields, strField: s.strField, defaultStr: s.defaultStr}
  })
  return {...saved, models, useTz: source.useTz}
}

/** The project-relative source text of a file a trace names, if it is inside the root. */
export function readProjectFile(root: string, recorded: string): string | undefined {
  if (path.isAbsolute(recorded) || recorded.startsWith('..')) return undefined
  const full = path.resolve(root, recorded)
  if (!full.startsWith(path.resolve(root) + path.sep)) return undefined
  try {
    const stat = fs.statSync(full)
    return stat.isFile() && stat.size < 2_000_000 ? fs.readFileSync(full, 'utf8') : undefined
  } catch {
    return undefined
  }
}
