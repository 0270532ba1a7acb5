import path from 'node:path'
import {requestValidators} from '../../../shared/api/contract'
import type {
  ApiEvent,
  ApiMethod,
  TraceApi,
  TraceEvents,
  TracePage,
} from '../../../shared/api/contract'
import {ApiError, toErrorEnvelope} from '../../../shared/api/errors'
import type {Envelope} from '../../../shared/api/errors'
import type {ProjectSummary} from '../../../shared/model/trace-summary'
import {LoadGate} from '../decode/load-gate'
import {createTraceHost} from '../trace-host'
import {openProject, projectIdFor, storeOf, summarize, tryOpen} from '../projects/project-registry'
import type {OpenStore, Project} from '../projects/project-registry'
import {createProjectsApi} from '../projects/projects-api'
import type {ProjectsService} from '../projects/projects-api'
import {createSettingsApi} from '../settings/settings-api'
import {SettingsStore} from '../settings/settings-store'
import {defaultSettingsDir} from '../settings/settings-dir'
import {createEditorLauncher} from '../source/editor-launcher'
import {createSourceService} from '../source/source-service'
import type {SourceServiceDeps} from '../source/source-service'
import {defaultCacheDir, openStore} from '../store'
import {watchStore} from '../watch/watch-store'
import {createProjectIndexes} from './project-indexes'
import type {ProjectIndexes} from './project-indexes'
import {createTestGenService} from './testgen-service'
import {createTraceQueries} from './trace-queries'
import type {HostHandle} from './trace-queries'

export type {HostHandle} from './trace-queries'

/** Options of a service: the projects of this session, and where caches and the worker are. */
export interface TraceServiceOptions {
  projectPaths: string[]
  cacheDir?: string
  /** The built trace worker (dist/main/trace-worker.js). */
  workerPath?: string
  /**
   * Keep an index of every open project (the overview, function history, the palette), built in
   * the background in the user cache folder (default false: the CLI's one-shot commands skip it).
   */
  index?: boolean
  /** The built project-index worker (dist/main/project-index-worker.js); without it, inline. */
  indexWorkerPath?: string
  /**
   * Start the trace host (its worker thread) now rather than on the first request, so the first
   * open does not wait for the worker's start (default false: the CLI's one-shot commands).
   */
  startHost?: boolean
  /** Watch the stores and emit traceAdded/traceRemoved/projectChanged (default true). */
  watch?: boolean
  /** While watching, how often a project without a store tries to open again: ms (default 2000). */
  retryMs?: number
  /** Where source roots, path mappings and the editor choice are saved (default per platform). */
  settingsDir?: string
  /** The app's settings file (default: settings.json in settingsDir); pass one to share it. */
  settings?: SettingsStore
  /** Where the service runs (default 'serve'): the desktop remembers projects and has a picker. */
  host?: 'desktop' | 'serve'
  /** The system's file picker (desktop). */
  pickPath?: (kind: 'folder' | 'file') => Promise<string | undefined>
}

/** The collaborators a service is built from; tests pass fakes. */
export interface TraceServiceDeps {
  openStore: OpenStore
  createTraceHost: (options: {
    workerPath?: string
    cacheDir?: string
    loadGate?: SharedArrayBuffer
  }) => HostHandle
  /** The source service's platform hooks (tests: a fake PATH and a spawn recorder). */
  sources?: Pick<SourceServiceDeps, 'host' | 'spawn' | 'suggest' | 'maxFileBytes'>
}

type Listener<E extends ApiEvent> = (payload: TraceEvents[E]) => void

/** The one implementation of the API, used by both transports, plus its events and a lifecycle. */
export interface TraceService extends TraceApi {
  /** Open what a routed input names and tell the page (the desktop glue's argv, links, drops). */
  openRoute: ProjectsService['openRoute']
  /** Subscribe to an event; returns an unsubscribe. */
  on<E extends ApiEvent>(event: E, listener: Listener<E>): () => void
  /** Add a project at run time (a path from a second instance or a dropped folder); idempotent. */
  addProject(projectPath: string): ProjectSummary
  /** Stop watching, close the stores and the worker. */
  dispose(): Promise<void>
}

const defaultDeps: TraceServiceDeps = {openStore, createTraceHost}
const defaultPageSize = 200

/**
 * Create the service for a set of project paths.
 *
 * Every method validates its request with `requestValidators` here, and only here: both transports
 * pass the untrusted request through unchanged, so they cannot disagree on what is valid.
 * A project that fails to open is listed with its `error`; requests on it fail with 'bad-store'.
 */
export function createTraceService(
  options: TraceServiceOptions,
  deps: Partial<TraceServiceDeps> = {},
): TraceService {
  const {openStore: open, createTraceHost: makeHost, sources} = {...defaultDeps, ...deps}
  const {cacheDir, watch = true, host: hostKind = 'serve'} = options
  const settingsDir = options.settingsDir ?? defaultSettingsDir()
  const settings =
    options.settings ??
    new SettingsStore(settingsDir, message => console.warn(`kolo-explorer: ${message}`))
  const projects = new Map<string, Project>()
  const unwatch = new Map<string, () => void>()
  const listeners = new Map<ApiEvent, Set<(payload: never) => void>>()
  let host: HostHandle | undefined
  let indexes: ProjectIndexes | undefined
  let disposed = false
  // The trace worker counts its loads here; the project index's build waits while one runs.
  const loadGate = new LoadGate()

  const emit = <E extends ApiEvent>(event: E, payload: TraceEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        ;(listener as Listener<E>)(payload)
      } catch {
        // A failing listener (a closed window, a dropped socket) must not stop the others.
      }
    }
  }

  const getHost = (): HostHandle => {
    if (disposed) throw new ApiError('unavailable', 'The trace service has been shut down')
    host ??= makeHost({workerPath: options.workerPath, cacheDir, loadGate: loadGate.buffer})
    return host
  }

  const startWatching = (project: Project) => {
    const store = project.store
    if (!store) return
    indexes?.opened(project.id, store.path)
    if (!watch || unwatch.has(project.id)) return
    const watcher = watchStore(store, ({added, removed}) => {
      if (added.length > 0) emit('traceAdded', {projectId: project.id, traceIds: added})
      if (removed.length > 0) emit('traceRemoved', {projectId: project.id, traceIds: removed})
      emit('projectChanged', {projectId: project.id})
      const changed = [...added, ...removed]
      indexes?.changed(project.id, changed.length > 0 ? changed : undefined)
    })
    unwatch.set(project.id, () => watcher.close())
  }

  // A project whose store is not there (yet: Kolo has not run) or failed to open is tried again
  // now and then; once it opens it is watched, and the pages are told.
  const retry = watch
    ? setInterval(() => {
        for (const project of projects.values()) {
          if (project.error === undefined) continue
          tryOpen(project, open, cacheDir)
          if (!project.store) continue
          startWatching(project)
          emit('projectChanged', {projectId: project.id})
        }
      }, options.retryMs ?? 2000)
    : undefined
  retry?.unref()

  const add = (projectPath: string): Project => {
    const existing = projects.get(projectIdFor(projectPath))
    if (existing) return existing
    // Absolute from here on: links and the sidebar name projects by their resolved path.
    const candidate = openProject(path.resolve(projectPath), open, cacheDir)
    projects.set(candidate.id, candidate)
    startWatching(candidate)
    return candidate
  }

  const remove = (projectId: string): Project | undefined => {
    const project = projects.get(projectId)
    if (!project) return undefined
    unwatch.get(projectId)?.()
    unwatch.delete(projectId)
    indexes?.closed(projectId)
    projects.delete(projectId)
    project.store?.close()
    emit('projectChanged', {projectId})
    return project
  }

  const projectFor = (projectId: string): Project => {
    const project = projects.get(projectId)
    if (!project) throw new ApiError('not-found', `No project with id "${projectId}"`)
    return project
  }

  const traceQueries = createTraceQueries({
    host: getHost,
    storePath: projectId => storeOf(projectFor(projectId)).path,
    progressed: event => emit('traceLoadProgressed', event),
  })
  if (options.index) {
    indexes = createProjectIndexes({
      cacheDir: cacheDir ?? defaultCacheDir(),
      workerPath: options.indexWorkerPath,
      loadGate: loadGate.buffer,
      queries: traceQueries,
      emit,
      warn: message => console.warn(`kolo-explorer: ${message}`),
    })
  }
  const unindexed = (): Promise<never> =>
    Promise.reject(new ApiError('unavailable', 'This session keeps no project index'))

  for (const projectPath of options.projectPaths) add(projectPath)
  // Any message starts the worker, which loads its modules while the page loads; `idle` is the
  // one that asks nothing of it.
  // (A failed start shows on the first request, which starts the worker again.)
  if (options.startHost) {
    void getHost()
      .idle?.()
      .catch(() => undefined)
  }

  // Source files are named by id in a trace; the trace host says which path an id stands for.
  const sourceApi = createSourceService({
    settingsDir,
    ...sources,
    resolveProject(projectId) {
      const store = storeOf(projectFor(projectId))
      return {sourceRoot: store.sourceRoot, storePath: store.path}
    },
    recordedFile: (trace, fileId) => traceQueries.recordedFile(trace, fileId),
  })

  const editorLauncher = createEditorLauncher({settingsDir, ...sources})
  const testGenApi = createTestGenService({
    queries: traceQueries,
    openFile: target => editorLauncher.open(target),
    sourceRoot: async projectId => (await sourceApi.getSourceSettings({projectId})).sourceRoot,
    projectPath: projectId => projectFor(projectId).resolvedPath,
    dbFile: projectId => {
      const storePath = storeOf(projectFor(projectId)).path
      return storePath.endsWith('.sqlite3') ? storePath : undefined
    },
  })

  const settingsApi = createSettingsApi(settings, hostKind, info => emit('settingsChanged', info))
  const projectsApi = createProjectsApi({
    registry: {add, remove, get: projectFor, all: () => [...projects.values()]},
    settings,
    remember: hostKind === 'desktop',
    emit,
    pickPath: options.pickPath,
  })

  return {
    ...sourceApi,
    ...projectsApi,
    ...testGenApi,
    ...(indexes?.api ?? {
      getProjectOverview: unindexed,
      getProjectOverlap: unindexed,
      getLineMarks: unindexed,
      getFunctionHistory: unindexed,
      searchProject: unindexed,
      getProjectIndexStatus: unindexed,
    }),
    diffTraces: traceQueries.diffTraces,
    loadTrace: traceQueries.loadTrace,
    loadTracePreview: traceQueries.loadTracePreview,
    cancelTraceLoad: traceQueries.cancelTraceLoad,
    getNodeDetails: traceQueries.getNodeDetails,
    findFrame: traceQueries.findFrame,
    getTraceInsights: traceQueries.getTraceInsights,
    getSettings: settingsApi.getSettings,
    updateSettings: settingsApi.updateSettings,

    listProjects(req) {
      return attempt(() => {
        requestValidators.listProjects(req)
        return [...projects.values()].map(project => {
          if (project.error !== undefined) {
            tryOpen(project, open, cacheDir)
            startWatching(project)
          }
          return summarize(project)
        })
      })
    },

    listTraces(req): Promise<TracePage> {
      return attempt(() => {
        const {projectId, offset = 0, limit = defaultPageSize} = requestValidators.listTraces(req)
        return storeOf(projectFor(projectId)).listTraces({offset, limit})
      })
    },

    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const entry = listener as (payload: never) => void
      set.add(entry)
      return () => void set.delete(entry)
    },

    addProject(projectPath) {
      const before = projects.size
      const project = add(projectPath)
      if (projects.size !== before) emit('projectChanged', {projectId: project.id})
      return summarize(project)
    },

    async dispose() {
      if (disposed) return
      disposed = true
      clearInterval(retry)
      for (const stop of unwatch.values()) stop()
      unwatch.clear()
      listeners.clear()
      for (const project of projects.values()) project.store?.close()
      await Promise.all([host?.dispose(), indexes?.dispose()])
    },
  }
}

/**
 * Call one API method with an untrusted request and wrap the outcome as an envelope.
 *
 * This is all an adapter does per call; the service validates. Unknown errors become 'internal',
 * with their message (their stack stays on this side).
 */
export async function invokeApi(
  api: TraceApi,
  method: ApiMethod,
  request: unknown,
): Promise<Envelope<unknown>> {
  try {
    const value: unknown = await api[method](request as never)
    return {ok: true, value}
  } catch (error) {
    return toErrorEnvelope(error)
  }
}

function attempt<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}
