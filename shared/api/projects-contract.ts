import type {ProjectSummary} from '../model/trace-summary'
import {bool, int, obj, oneOf, optional, str} from './validate'
import type {Validator} from './validate'

/**
 * Projects, deep links and the app's settings: the part of the API the sidebar, the settings view
 * and link handling use. Merged into TraceApi (`extends ProjectsApi`) and its validators.
 *
 * Paths and links sent here are untrusted: the service routes them through main/node/projects,
 * which accepts only absolute paths that exist and well-formed kolo-explorer:// links.
 */
export interface ProjectsApi {
  /** Open a project folder, store or trace file by its absolute path (and remember it, desktop). */
  openProject(req: {path: string}): Promise<ProjectSummary>
  /** Close a project: it leaves the sidebar and is forgotten. */
  closeProject(req: {projectId: string}): Promise<void>
  /** Folders holding a `.kolo/` store below `root`, at most `maxDepth` levels down (default 4). */
  findProjects(req: {root: string; maxDepth?: number}): Promise<FoundProjects>
  /** Open a kolo-explorer:// link: the project (opened if needed), the trace and frame it names. */
  openLink(req: {link: string}): Promise<OpenedLink>
  /** Ask the user for a project with the system's file picker (desktop only; serve: 'unavailable'). */
  pickProject(req: {kind?: 'folder' | 'file'}): Promise<{project?: ProjectSummary}>
  /** The app's settings, where they are kept and what this host can do. */
  getSettings(req: Record<string, never>): Promise<SettingsInfo>
  /** Change some settings; returns them all. */
  updateSettings(req: SettingsPatch): Promise<SettingsInfo>
}

/** Light, dark, or whatever the OS uses. */
export type ThemeSetting = 'system' | 'dark' | 'light'

/** The app's own settings (the editor and path mappings are SourceApi's). */
export interface AppSettings {
  theme: ThemeSetting
  /** Select each new trace of the shown project as it arrives. */
  followLatest: boolean
  /** The projects remembered across restarts (desktop), as absolute paths. */
  projects: string[]
}

/** What getSettings answers: the settings, their file, and the host. */
export interface SettingsInfo extends AppSettings {
  /** The settings file (in the user data folder). */
  file: string
  /** 'desktop' has a file picker and remembers projects; 'serve' runs in a browser. */
  host: 'desktop' | 'serve'
  /** Problems met reading the file (a damaged file is replaced by defaults, never a crash). */
  warnings: string[]
}

/** The settings updateSettings may change. */
export interface SettingsPatch {
  theme?: ThemeSetting
  followLatest?: boolean
}

/** Project folders found below a root. */
export interface FoundProjects {
  root: string
  projects: FoundProject[]
  /** True when the search stopped early (too many folders or results). */
  truncated: boolean
}

/** One folder with a Kolo store. */
export interface FoundProject {
  path: string
  label: string
  /** 'kolo-2' (.kolo/db.sqlite3) or 'kolo-3' (.kolo/.internal/). */
  format: 'kolo-2' | 'kolo-3'
  /** Its id when it is open already. */
  openId?: string
}

/** Where a link led. */
export interface OpenedLink {
  projectId: string
  traceId?: string
  frameId?: string
  /** Set when the link names a trace that is not in the project (deleted, or recorded elsewhere). */
  missing?: string
  /**
   * A comparison link (kolo-explorer://diff?…): the two traces, or executions, to compare (A's
   * project is `projectId`). The page shows the diff view.
   */
  comparison?: {a: LinkedExecution; b: LinkedExecution}
}

/** One side of an opened comparison: a trace, and the execution in it when the link names one. */
export interface LinkedExecution {
  projectId: string
  traceId: string
  /** Kolo's frame id of the compared execution (find its node with findFrame). */
  frameId?: string
  /** Or its node id in the trace as loaded. */
  nodeId?: number
}

/** The app menu's commands that the page carries out. */
export type MenuCommand = 'find' | 'settings' | 'open-project' | 'follow-latest' | 'copy-link'

/** Events of this part of the API (merged into TraceEvents). */
export interface ProjectsEvents {
  /** Something was opened from outside the page (argv, a second launch, open-url, a drop): show it. */
  linkOpened: OpenedLink
  /** Something from outside could not be opened: nothing was, and this says why. */
  openRefused: {input: string; reason: string}
  /** The settings changed (this window or another). */
  settingsChanged: SettingsInfo
  /** A native menu item for the page was chosen. */
  menuCommandInvoked: {command: MenuCommand}
}

/** The longest kolo-explorer:// link or path accepted. */
export const maxLinkChars = 8192

const projectId = str(200)

/** One validator per ProjectsApi method. */
export const projectsRequestValidators = {
  openProject: obj({path: str(4096)}),
  closeProject: obj({projectId}),
  findProjects: obj({root: str(4096), maxDepth: optional(int(0, 8))}),
  openLink: obj({link: str(maxLinkChars)}),
  pickProject: obj({kind: optional(oneOf('folder', 'file'))}),
  getSettings: obj({}),
  updateSettings: obj({
    theme: optional(oneOf('system', 'dark', 'light')),
    followLatest: optional(bool),
  }),
} satisfies {[M in keyof ProjectsApi]: Validator<Parameters<ProjectsApi[M]>[0]>}

/** The ProjectsApi event names. */
export const projectsEventNames: (keyof ProjectsEvents)[] = [
  'linkOpened',
  'openRefused',
  'settingsChanged',
  'menuCommandInvoked',
]
