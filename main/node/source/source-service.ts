import {statSync} from 'node:fs'
import {homedir} from 'node:os'
import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import type {
  EditorSettings,
  PathMapping,
  SourceApi,
  SourceFile,
  SourceSettings,
} from '../../../shared/api/source-contract'
import {sourceApiMethods, sourceRequestValidators} from '../../../shared/api/source-contract'
import {languageOf} from '../../../shared/model/source'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {expandTemplate} from '../editor/command-template'
import type {Spawner} from '../editor/launch'
import type {EditorHost} from '../editor/presets'
import {createEditorLauncher} from './editor-launcher'
import {candidatesFor, readTextFile} from './resolve'
import type {Candidate} from './resolve'
import {SettingsFiles} from './settings-file'
import type {SuggestOptions} from './suggest'
import {suggestMapping} from './suggest'

type MaybePromise<T> = T | Promise<T>

/** What the source service needs from the rest of the backend. */
export interface SourceServiceDeps {
  /** A project's default source root (the folder holding .kolo/) and its store path (the settings key). */
  resolveProject(projectId: string): MaybePromise<{sourceRoot: string; storePath: string}>
  /** The path Kolo recorded for file `fileId` of a trace; undefined when it names no such file. */
  recordedFile(trace: TraceRef, fileId: number): MaybePromise<string | undefined>
  /** The user data folder for sources.json and editor.json. */
  settingsDir: string
  /** The platform, environment and home (tests: a fake PATH). */
  host?: EditorHost
  /** Starts the editor (tests: a recorder). */
  spawn?: Spawner
  /** Files larger than this are 'too-large' (default 4 MiB). */
  maxFileBytes?: number
  suggest?: SuggestOptions
  /** Where climbed library paths (`../../usr/lib/...`) are tried from (default '/'). */
  fsRoot?: string
}

const maxMappings = 200

/**
 * The SourceApi: source roots and path mappings per project, files the trace references, editors.
 *
 * The renderer names a file by its id in a loaded trace; anything else is 'forbidden'. Settings
 * live in JSON files in `settingsDir`, keyed by the project's store path.
 */
export function createSourceService(deps: SourceServiceDeps): SourceApi {
  const files = new SettingsFiles(deps.settingsDir)
  const launcher = createEditorLauncher(deps)
  const maxBytes = deps.maxFileBytes ?? 4 * 1024 * 1024
  const suggestions = new Map<string, PathMapping | undefined>()

  async function settingsOf(projectId: string): Promise<SourceSettings & {key: string}> {
    const project = await deps.resolveProject(projectId)
    const saved = files.project(project.storePath)
    return {
      projectId,
      key: project.storePath,
      sourceRoot: saved.sourceRoot ?? project.sourceRoot,
      defaultSourceRoot: project.sourceRoot,
      mappings: saved.mappings,
    }
  }

  const publicSettings = ({key: _key, ...s}: SourceSettings & {key: string}): SourceSettings => s

  async function recordedPath(trace: TraceRef, fileId: number): Promise<string> {
    const recorded = await deps.recordedFile(trace, fileId)
    if (recorded === undefined || recorded === '') {
      throw new ApiError('forbidden', `File #${fileId} is not a file of trace ${trace.traceId}`)
    }
    return recorded
  }

  async function resolve(req: {trace: TraceRef; fileId: number}): Promise<SourceFile> {
    const recorded = await recordedPath(req.trace, req.fileId)
    const settings = await settingsOf(req.trace.projectId)
    const base = {fileId: req.fileId, recordedPath: recorded, language: languageOf(recorded)}
    const candidates = candidatesFor(recorded, {...settings, fsRoot: deps.fsRoot})
    for (const c of candidates) {
      const read = readTextFile(c.path, maxBytes)
      if (read.status === 'not-found') continue
      const found = {...base, localPath: c.path, ...origin(c)}
      if (read.status === 'ok') {
        return {...found, status: 'ok', text: read.text, sizeBytes: read.size}
      }
      if (read.status === 'too-large') return {...found, status: 'too-large', sizeBytes: read.size}
      return {...found, status: 'unreadable'}
    }
    const key = `${settings.key}\0${path.dirname(recorded)}\0${settings.sourceRoot}`
    if (!suggestions.has(key)) {
      suggestions.set(
        key,
        suggestMapping(recorded, settings.sourceRoot, {fsRoot: deps.fsRoot, ...deps.suggest}),
      )
    }
    const suggestion = suggestions.get(key)
    return {
      ...base,
      status: 'not-found',
      tried: candidates.map(c => c.path),
      ...(suggestion ? {suggestion} : {}),
    }
  }

  async function update(
    projectId: string,
    change: (s: {sourceRoot?: string; mappings: PathMapping[]}, defaultRoot: string) => void,
  ): Promise<SourceSettings> {
    const current = await settingsOf(projectId)
    const saved = files.project(current.key)
    change(saved, current.defaultSourceRoot)
    files.saveProject(current.key, saved)
    suggestions.clear()
    return publicSettings(await settingsOf(projectId))
  }

  return validated({
    getSource: req => resolve(req),

    async openInEditor(req) {
      const file = await resolve({trace: req.trace, fileId: req.fileId})
      if (!file.localPath) {
        throw new ApiError(
          'not-found',
          `${file.recordedPath}: source not found (tried ${(file.tried ?? []).join(', ')})`,
        )
      }
      const settings = await settingsOf(req.trace.projectId)
      return launcher.open({
        file: file.localPath,
        line: req.line,
        column: req.column,
        projectRoot: settings.sourceRoot,
      })
    },

    async getSourceSettings(req) {
      return publicSettings(await settingsOf(req.projectId))
    },

    setSourceRoot: req =>
      update(req.projectId, (s, defaultRoot) => {
        const root = req.sourceRoot === undefined ? undefined : existingFolder(req.sourceRoot)
        s.sourceRoot = root === undefined || root === defaultRoot ? undefined : root
      }),

    addPathMapping: req =>
      update(req.projectId, s => {
        const from = req.from.trim()
        if (from === '') {
          throw new ApiError('bad-request', 'A path mapping needs a prefix to replace')
        }
        const to = existingFolder(req.to)
        const rest = s.mappings.filter(m => m.from !== from)
        if (rest.length >= maxMappings) {
          throw new ApiError('bad-request', `At most ${maxMappings} path mappings per project`)
        }
        s.mappings = [...rest, {from, to}]
      }),

    removePathMapping: req =>
      update(req.projectId, s => {
        s.mappings = s.mappings.filter(m => m.from !== req.from)
      }),

    getEditorSettings: () => Promise.resolve(launcher.settings()),

    // The executor's throw becomes a rejection, as in the async methods.
    setEditor: req =>
      new Promise<EditorSettings>(resolve => {
        if (req.preset === 'custom') {
          const template = req.template?.trim()
          if (!template) {
            throw new ApiError('bad-request', 'A custom editor needs a command or URL template')
          }
          // Parse it now, so a broken template fails here and not at the first open.
          expandTemplate(template, {file: '/x.py', line: 1})
          files.saveEditor({preset: 'custom', template})
        } else {
          files.saveEditor({preset: req.preset, ...(req.template ? {template: req.template} : {})})
        }
        resolve(launcher.settings())
      }),
  })
}

/**
 * The API with every request checked by sourceRequestValidators first, so the transports may
 * pass untrusted requests through unchanged (as the main service does).
 */
function validated(api: SourceApi): SourceApi {
  const out: Record<string, (req: unknown) => Promise<unknown>> = {}
  for (const method of sourceApiMethods) {
    const check = sourceRequestValidators[method] as (req: unknown) => unknown
    const call = (req: unknown) => (api[method] as (r: unknown) => Promise<unknown>)(req)
    // The executor's throw (a bad request) becomes a rejection.
    out[method] = req => new Promise(resolve => resolve(call(check(req))))
  }
  return out as unknown as SourceApi
}

function origin(c: Candidate): Pick<SourceFile, 'resolvedFrom' | 'mapping'> {
  return {resolvedFrom: c.origin, ...(c.mapping ? {mapping: c.mapping} : {})}
}

/** An absolute, existing folder (a leading `~` is the home folder), or a 'not-found' ApiError. */
function existingFolder(input: string): string {
  const expanded = input.trim().replace(/^~(?=$|[\\/])/, homedir())
  if (!path.isAbsolute(expanded)) {
    throw new ApiError('bad-request', `${input}: give an absolute folder path`)
  }
  const folder = path.resolve(expanded)
  let isDir: boolean
  try {
    isDir = statSync(folder).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) throw new ApiError('not-found', `${folder}: no such folder`)
  return folder
}
