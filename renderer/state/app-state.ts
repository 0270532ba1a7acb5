// The shape of the one app store: every slice's state and actions, as types only. Slices import
// AppState from here and nothing imports back, so the store's files form no circle.
import type {TimeView} from '../../shared/algorithms/flame-viewport'
import type {TraceClient, TraceEvents} from '../../shared/api/contract'
import type {ApiErrorCode} from '../../shared/api/errors'
import type {
  FoundProjects,
  OpenedLink,
  SettingsInfo,
  SettingsPatch,
} from '../../shared/api/projects-contract'
import type {TraceRef} from '../../shared/model/trace-ref'
import type {IndexNotice, IndexProgress} from '../../shared/project-index/index-types'
import type {ProjectSummary, TraceSummary} from '../../shared/model/trace-summary'
import type {TestStyle} from '../../shared/testgen/report'
import type {TraceResources} from './trace-resources'
import type {ViewName} from './view-names'

/** Progress of a trace load, from the traceLoadProgressed event. */
export interface LoadProgress {
  bytesRead: number
  bytesTotal: number
  records: number
  /** How far the whole load is, 0 to 1 (read, decode, build), when the backend says. */
  fraction?: number
}

/**
 * Where one trace's model is. While a big trace loads, `preview` says that the model of its
 * first rows is in the resource cache (kind 'preview'): the tree shows it, the views that need
 * the whole trace say how far the load is.
 */
export type TraceStatus =
  | {state: 'idle'}
  | {state: 'loading'; trace: TraceRef; progress?: LoadProgress; preview?: true}
  | {state: 'ready'; trace: TraceRef}
  | {state: 'failed'; trace: TraceRef; code: ApiErrorCode; message: string}

/** Where a list (projects, a project's traces) is. */
export type ListStatus =
  {state: 'idle' | 'loading' | 'ready'} | {state: 'failed'; code: ApiErrorCode; message: string}

/** The loaded prefix of one project's trace list, newest first. */
export interface TraceList {
  traces: TraceSummary[]
  /** How many traces the project has in all (the pager loads more on scroll). */
  total: number
  status: ListStatus
}

/** Fields of the store as a whole rather than of one slice. */
export interface RootSlice {
  /** The backend, as connect.ts built it (or a fake in tests). */
  api: TraceClient
  /**
   * What the backend answered about traces (models, details, insights, sources, analysis
   * workers), keyed by trace. A handle that never changes: its contents stay out of the state.
   */
  resources: TraceResources
  /** Load the projects, pick the first (or the one given) and list its traces. */
  start: (projectId?: string) => Promise<void>
  /** Unsubscribe from the API's events; the store is unusable for live updates afterwards. */
  dispose: () => void
}

/** The projects in the sidebar. */
export interface ProjectsSlice {
  projects: ProjectSummary[]
  projectsStatus: ListStatus
  loadProjects: () => Promise<void>
  /** The Kolo version seen in each project's loaded traces, by project id. */
  koloVersions: Record<string, string | undefined>
  rememberKoloVersion: (projectId: string, version: string) => void
  /** Open a project by the absolute path the user typed; resolves true when it opened. */
  openProjectPath: (path: string) => Promise<boolean>
  /** Open a project with the system's picker (desktop). */
  pickProject: (kind: 'folder' | 'file') => Promise<void>
  /** Close a project: it leaves the sidebar (and, on the desktop, the remembered list). */
  closeProject: (projectId: string) => Promise<void>
  findStatus: FindStatus
  findProjects: (root: string) => Promise<void>
}

/** A search for projects below a folder. */
export type FindStatus =
  | {state: 'idle'}
  | {state: 'searching'; root: string}
  | {state: 'done'; result: FoundProjects}
  | {state: 'failed'; message: string}

/** The projects' trace lists, and where each trace's model is. */
export interface TracesSlice {
  /** Trace lists by project id. */
  traceLists: Record<string, TraceList | undefined>
  /** (Re)load a project's list from the top, keeping at least as many rows as are loaded. */
  loadTraceList: (projectId: string) => Promise<void>
  /** Load the next page of a project's list, if there is one and no page is in flight. */
  loadMoreTraces: (projectId: string) => Promise<void>
  /** Load status of every trace asked for, by traceKey (absent: idle). */
  traceLoads: Record<string, TraceStatus | undefined>
  /**
   * Load a trace's model into the resource cache, for the pane that asks (default: the main one;
   * side-by-side panes name themselves, so the backend cancels only a pane's own older load).
   */
  loadTrace: (trace: TraceRef, pane?: string) => Promise<void>
  /**
   * Stop a trace's load (the user's Cancel): the backend stops reading it, its preview goes and
   * its status fails with code 'cancelled' until it is opened again. Nothing when it is not loading.
   */
  cancelTraceLoad: (trace: TraceRef) => void
  /** Traces that arrived while the page was open, newest first (the list marks them). */
  freshTraceIds: string[]
  /** Event handlers, wired by createAppStore. */
  onTraceLoadProgressed: (event: TraceEvents['traceLoadProgressed']) => void
  onTracesAdded: (projectId: string, traceIds: string[]) => void
  onTracesChanged: (projectId: string, removedIds?: string[]) => void
  /** The cache dropped a trace's model (to stay within its bound): it is no longer ready. */
  onModelEvicted: (trace: TraceRef) => void
}

/** What the user is looking at. */
export interface SelectionSlice {
  selectedProjectId?: string
  selectedTraceId?: string
  /** A row index of the selected trace's model (the same id getNodeDetails takes). */
  selectedNodeId?: number
  /** The selected node of each side-by-side pane other than the main one, by pane name. */
  paneNodes: Record<string, number | undefined>
  /** Show a project's trace list (loads its first page when not loaded yet). */
  selectProject: (projectId: string) => void
  /** Open a trace: selects it, clears the node selection and loads its model. */
  selectTrace: (projectId: string, traceId: string) => void
  /** Open the trace above (-1) or below (1) the selected one in the project's list. */
  selectAdjacentTrace: (step: 1 | -1) => void
  /** Select a node of the selected trace, or clear the selection. */
  selectNode: (nodeId: number | undefined) => void
  /** Select a node in a side-by-side pane (the main pane's is selectNode). */
  selectPaneNode: (pane: string, nodeId: number | undefined) => void
}

/** Layout and view choices that are not data. */
export interface UiSlice {
  /** The centre tab. ('frame' is the frame view of the selected node, when there is one.) */
  activeView: ViewName
  setActiveView: (view: ViewName) => void
  /** Widths of the side panes in CSS px. */
  sidebarWidthPx: number
  detailsWidthPx: number
  setPaneWidth: (pane: 'sidebar' | 'details', widthPx: number) => void
  /** False until the user drags a pane edge: until then the panes also shrink with the window. */
  panesResized: boolean
  /** The tree's "name contains" filter, shared so other views may show the same matches. */
  treeFilter: string
  setTreeFilter: (text: string) => void
}

/** The settings: the app's (kept by the backend) and this browser's, and what follows them. */
export interface SettingsSlice {
  /** The app settings as the backend keeps them (undefined until loaded). */
  settings?: SettingsInfo
  settingsOpen: boolean
  setSettingsOpen: (open: boolean) => void
  loadSettings: () => Promise<void>
  updateSettings: (patch: SettingsPatch) => Promise<void>
  /** Follow latest: select each new trace of the shown project as it arrives. */
  toggleFollowLatest: () => void
  onSettingsChanged: (info: SettingsInfo) => void
  /** Bumped when source settings change (a path mapping, a source root): files are read again. */
  sourcesGeneration: number
  /** Drop every cached source file, so the views on screen read them again. */
  invalidateSources: () => void
  /** The SQL panel's slow-query threshold in ms (remembered in this browser profile). */
  slowQueryMs: number
  setSlowQueryMs: (ms: number) => void
}

/** A short message for the user: an error to read, or news that passes. */
export interface Notice {
  kind: 'error' | 'info'
  message: string
}

/** Deep links (kolo-explorer://open?project=…&trace=…&frame=…) and the notices they raise. */
export interface LinkSlice {
  notice?: Notice
  showNotice: (notice: Notice) => void
  dismissNotice: () => void
  /** Ask the backend to open a link (the page's `?link=`), then show what it names. */
  openLink: (link: string) => Promise<void>
  /** Show what an opened link names: its project, its trace, and the frame (in the frame view). */
  showOpenedLink: (opened: OpenedLink) => Promise<void>
}

/** The flame chart's modes. */
export type FlameMode = 'time' | 'left-heavy' | 'sandwich'

/** The sandwich table's sort columns. */
export type SandwichSort = 'selfNs' | 'totalNs' | 'calls' | 'name'

/** Calls of some functions to highlight, set by the call graph. */
export interface FunctionFocus {
  /** The traceKey of the trace whose function ids these are. */
  trace: string
  fns: number[]
  label: string
}

/** The flame and graph views' own choices: mode, search, focus, sort, settled viewports. */
export interface FlameSlice {
  flameMode: FlameMode
  flameQuery: string
  flameFocus: FunctionFocus | undefined
  sandwichSort: SandwichSort
  /** The settled viewport per `traceKey:mode`, restored when the chart is shown again. */
  flameViews: Record<string, TimeView | undefined>
  setFlameMode: (mode: FlameMode) => void
  /** Typing a search replaces a focus set from the graph: one highlight at a time. */
  setFlameQuery: (query: string) => void
  setFlameFocus: (focus: FunctionFocus | undefined) => void
  setSandwichSort: (sort: SandwichSort) => void
  setFlameView: (key: string, view: TimeView) => void
}

/** A place in a file of a trace, to open in the editor. */
export interface EditorTarget {
  fileId: number
  line: number
  column?: number
}

/** The last open-in-editor's outcome, shared by every button and shortcut. */
export type LaunchStatus =
  {state: 'idle'} | {state: 'busy'} | {state: 'done' | 'failed'; text: string}

/** Opening files in the user's editor. */
export interface EditorSlice {
  launchStatus: LaunchStatus
  /** Open a file of `trace` at a line in the chosen editor; the outcome lands in launchStatus. */
  openInEditor: (trace: TraceRef, target: EditorTarget) => void
}

/** Two traces (or two executions, `roots`) being compared: what the diff view shows. */
export interface Comparison {
  a: TraceRef
  b: TraceRef
  /** The nodes of two executions of one function, in A and in B. */
  roots?: {a: number; b: number}
}

/** The comparison the diff view shows, if any; the entry points (list, history, links) set it. */
export interface ComparisonSlice {
  comparison: Comparison | undefined
  /** Compare B against A (the older or the reference first), and show the diff view. */
  openComparison: (comparison: Comparison) => void
  closeComparison: () => void
  /**
   * Compare a trace with the previous trace of its endpoint (the newest older one with the same
   * method and route, or the same name): resolves false, with a notice, when there is none.
   */
  compareWithPrevious: (trace: TraceRef) => Promise<boolean>
}

/** What the project index said about one project through its events. */
export interface ProjectIndexState {
  /** The last progress event (undefined: none since the page opened). */
  progress?: IndexProgress
  /** Notices since the page opened, newest first (at most 50). */
  notices: IndexNotice[]
  /**
   * Bumped when indexed traces changed: views of the index refetch when it moves. During a build
   * it moves at most about once a second, however many traces arrive.
   */
  generation: number
}

/** The project index's events, kept per project. */
export interface ProjectIndexSlice {
  projectIndexes: Record<string, ProjectIndexState | undefined>
  /** Event handlers, wired by createAppStore. */
  onProjectIndexProgressed: (event: TraceEvents['projectIndexProgressed']) => void
  onProjectIndexChanged: (event: TraceEvents['projectIndexChanged']) => void
  onProjectIndexNoticed: (event: TraceEvents['projectIndexNoticed']) => void
  /** Forget a project's notices (the user read them). */
  dismissIndexNotices: (projectId: string) => void
}

/** A set of a project's traces the overview works on: brushed on the timeline, or an endpoint. */
export interface TraceSelection {
  projectId: string
  traceIds: string[]
  /** What was selected, in words: "GET /books/<int:book_id>/", "12:01:02–12:01:05". */
  label: string
  /** The brushed time range (epoch ms), when the timeline's brush made the selection. */
  range?: {fromMs: number; toMs: number}
}

/** A function whose calls across the project to list. */
export interface HistoryTarget {
  projectId: string
  qualname: string
  file?: string
}

/** One execution to open: a trace and, optionally, a node of it (a row of its model) or frame. */
export interface ExecutionTarget {
  projectId: string
  traceId: string
  nodeId?: number
  frameId?: string
  /** The centre view to show the node in (default: the frame view). */
  view?: ViewName
}

/** The project overview, function history and the find-anything palette. */
export interface OverviewSlice {
  /** The traces the overview's overlap views work on (undefined: all of the project's). */
  overviewSelection: TraceSelection | undefined
  setOverviewSelection: (selection: TraceSelection | undefined) => void
  /** The function whose history the overview's side pane lists. */
  historyTarget: HistoryTarget | undefined
  showHistory: (target: HistoryTarget | undefined) => void
  /** The trace the user left for the overview, to go back to from the view tabs. */
  overviewReturn: TraceRef | undefined
  /** Leave the open trace for its project's overview (what opening a project shows). */
  showOverview: () => void
  /** Open a trace and, once its model is ready, select a node of it in a view. */
  openExecution: (target: ExecutionTarget) => Promise<void>
  paletteOpen: boolean
  setPaletteOpen: (open: boolean) => void
}

/** What the Test view tests: a node of a trace (none: the trace's request), and the style. */
export interface TestGenSlice {
  /** The node the Test view tests in the trace `trace` (a traceKey); other traces: the request. */
  testTarget: {trace: string; nodeId: number | undefined} | undefined
  /** Django's TestCase (default) or pytest. */
  testStyle: TestStyle
  /** Show the Test view for a node of `trace`, or (no nodeId) for its request. */
  openTest: (trace: TraceRef, nodeId?: number) => void
  setTestStyle: (style: TestStyle) => void
}

/** The whole app state: every slice combined. */
export type AppState = RootSlice &
  ComparisonSlice &
  TestGenSlice &
  ProjectsSlice &
  TracesSlice &
  SelectionSlice &
  UiSlice &
  SettingsSlice &
  LinkSlice &
  FlameSlice &
  EditorSlice &
  ProjectIndexSlice &
  OverviewSlice
