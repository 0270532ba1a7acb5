import type {TraceRef} from '../model/trace-ref'
import {int, obj, oneOf, optional, str, traceRef} from './validate'
import type {Validator} from './validate'

/**
 * Source files and editors: the part of the API the frame views use.
 *
 * Files are named by their id in a loaded trace (`fileId`, an index into the model's strings);
 * the service resolves the id to the path Kolo recorded and that to a local file. Merged into
 * TraceApi (`extends SourceApi`) and its validators into requestValidators.
 */
export interface SourceApi {
  /** The text of a file the trace references, or why it is not available. */
  getSource(req: {trace: TraceRef; fileId: number}): Promise<SourceFile>
  /** Open a file the trace references at a line in the user's chosen editor. */
  openInEditor(req: {
    trace: TraceRef
    fileId: number
    line: number
    column?: number
  }): Promise<EditorLaunch>
  /** A project's source root and path mappings. */
  getSourceSettings(req: {projectId: string}): Promise<SourceSettings>
  /** Set a project's source root; no `sourceRoot` restores the default (the folder holding .kolo/). */
  setSourceRoot(req: {projectId: string; sourceRoot?: string}): Promise<SourceSettings>
  /** Add (or replace) a path mapping: recorded paths starting with `from` are read below `to`. */
  addPathMapping(req: {projectId: string; from: string; to: string}): Promise<SourceSettings>
  /** Remove the mapping whose prefix is `from`. */
  removePathMapping(req: {projectId: string; from: string}): Promise<SourceSettings>
  /** The editor presets, which are installed, and the current choice. */
  getEditorSettings(req: Record<string, never>): Promise<EditorSettings>
  /** Choose an editor: a preset, or 'custom' with a command or URL template. */
  setEditor(req: {preset: EditorPresetId; template?: string}): Promise<EditorSettings>
}

/** Whether a file could be read: 'ok' with its text, or why not. */
export type SourceStatus = 'ok' | 'not-found' | 'too-large' | 'unreadable'

/** How a recorded path became a local file. */
export type SourceOrigin = 'root' | 'mapping' | 'absolute'

/** A prefix of recorded paths and the local folder that holds those files now. */
export interface PathMapping {
  from: string
  to: string
}

/** One file of a trace, as the frame views need it. */
export interface SourceFile {
  fileId: number
  /** The path as Kolo recorded it (relative to the traced process's working directory, or absolute). */
  recordedPath: string
  status: SourceStatus
  /** The whole text, when status is 'ok'. */
  text?: string
  /** A highlight.js language name ('python', 'django', 'plaintext', ...). */
  language: string
  /** The local file that was read (for display). */
  localPath?: string
  resolvedFrom?: SourceOrigin
  /** The mapping that applied, when resolvedFrom is 'mapping'. */
  mapping?: PathMapping
  /** The local paths tried, when the file was not found. */
  tried?: string[]
  /** A mapping that would make this path resolve, found among files that exist. */
  suggestion?: PathMapping
  sizeBytes?: number
}

/** A project's source settings. */
export interface SourceSettings {
  projectId: string
  /** Where relative recorded paths are read from: the traced process's working directory, here. */
  sourceRoot: string
  /** The folder holding .kolo/: the source root unless the user chose another. */
  defaultSourceRoot: string
  mappings: PathMapping[]
}

/** The editors the explorer knows how to start. */
export const editorPresetIds = [
  'vscode',
  'vscode-insiders',
  'cursor',
  'windsurf',
  'pycharm',
  'pycharm-community',
  'idea',
  'webstorm',
  'goland',
  'phpstorm',
  'rubymine',
  'clion',
  'rider',
  'sublime',
  'zed',
  'nvim',
  'vim',
  'emacs',
  'system',
  'custom',
] as const

/** One editor preset id. */
export type EditorPresetId = (typeof editorPresetIds)[number]

/** What the UI shows about one preset. */
export interface EditorInfo {
  id: EditorPresetId
  label: string
  /** Found on this machine (a launcher on PATH or in a known install folder; always for system). */
  installed: boolean
  /** The launcher that would be started, when installed. */
  command?: string
  /** How it starts: a command, a URL, a terminal editor in a terminal emulator, the system opener. */
  via: 'command' | 'url' | 'terminal' | 'system' | 'template'
}

/** The chosen editor and the presets to choose from. */
export interface EditorSettings {
  /** The current choice (saved, or the first installed preset when nothing is saved). */
  preset: EditorPresetId
  /** Whether `preset` was chosen by the user (false: detected). */
  saved: boolean
  /** The custom command or URL template, with {file} {line} {column}. */
  template?: string
  editors: EditorInfo[]
}

/** What openInEditor started. */
export interface EditorLaunch {
  editor: string
  /** The local file opened. */
  file: string
  line: number
}

const projectId = str(200)
const fileId = int(0, 2 ** 31)
const folder = str(4096)

/** One validator per SourceApi method. */
export const sourceRequestValidators = {
  getSource: obj({trace: traceRef, fileId}),
  openInEditor: obj({
    trace: traceRef,
    fileId,
    line: int(0, 10_000_000),
    column: optional(int(0, 100_000)),
  }),
  getSourceSettings: obj({projectId}),
  setSourceRoot: obj({projectId, sourceRoot: optional(folder)}),
  addPathMapping: obj({projectId, from: str(4096), to: folder}),
  removePathMapping: obj({projectId, from: str(4096)}),
  getEditorSettings: obj({}),
  setEditor: obj({preset: oneOf(...editorPresetIds), template: optional(str(4096))}),
} satisfies {[M in keyof SourceApi]: Validator<Parameters<SourceApi[M]>[0]>}

/** The SourceApi method names. */
export const sourceApiMethods = Object.keys(sourceRequestValidators) as (keyof SourceApi)[]
