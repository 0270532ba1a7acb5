import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import type {
  LinkedExecution,
  OpenedLink,
  ProjectsApi,
  ProjectsEvents,
} from '../../../shared/api/projects-contract'
import {projectsRequestValidators} from '../../../shared/api/projects-contract'
import type {ProjectSummary} from '../../../shared/model/trace-summary'
import type {Project} from './project-registry'
import {summarize} from './project-registry'
import type {SettingsStore} from '../settings/settings-store'
import {findKoloProjects} from './find-projects'
import {checkPath, quoteInput, routeInput} from './route-input'
import type {Route, RouteContext} from './route-input'

/** The service's projects, as this part of the API needs them. */
export interface ProjectRegistry {
  /** Open a project by its absolute path, or return the one open already. */
  add(projectPath: string): Project
  /** Close a project; undefined when there is none with this id. */
  remove(projectId: string): Project | undefined
  /** The project with this id, or ApiError 'not-found'. */
  get(projectId: string): Project
  all(): Project[]
}

/** What the projects API is built from. */
export interface ProjectsApiDeps {
  registry: ProjectRegistry
  settings: SettingsStore
  /** Remember opened projects across restarts and forget closed ones (desktop). */
  remember: boolean
  emit(event: 'linkOpened', payload: ProjectsEvents['linkOpened']): void
  emit(event: 'openRefused', payload: ProjectsEvents['openRefused']): void
  emit(event: 'projectChanged', payload: {projectId: string}): void
  /** The system's file picker (desktop); resolves undefined when the user cancels. */
  pickPath?: (kind: 'folder' | 'file') => Promise<string | undefined>
  route?: RouteContext
}

/** The projects API plus what the desktop glue calls directly. */
export interface ProjectsService extends Omit<ProjectsApi, 'getSettings' | 'updateSettings'> {
  /** Open what a route names and tell the page (`linkOpened`), or tell why not (`openRefused`). */
  openRoute(route: Route, input?: string): OpenedLink | undefined
}

const run = <T>(work: () => T | Promise<T>): Promise<T> => {
  try {
    return Promise.resolve(work())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

/**
 * openProject, closeProject, findProjects, openLink, pickProject.
 *
 * Every path and link goes through the router first (absolute, exists, no `..`, length caps),
 * so the page, a second launch and a link from the browser are held to the same rules.
 */
export function createProjectsApi(deps: ProjectsApiDeps): ProjectsService {
  const {registry, settings, remember} = deps

  const open = (projectPath: string): Project => {
    const before = registry.all().length
    const project = registry.add(projectPath)
    // Every page lists the new project (another window, a browser tab on the same serve).
    if (registry.all().length !== before) deps.emit('projectChanged', {projectId: project.id})
    if (remember) settings.rememberProject(project.resolvedPath)
    return project
  }

  // Why a trace a link names cannot be shown: not in its project (deleted, or recorded elsewhere).
  const missingTrace = (project: Project, traceId: string): string | undefined => {
    if (!project.store) return undefined
    let ids: string[]
    try {
      ids = project.store.traceIds()
    } catch {
      return undefined // The store is busy or broken: loading the trace will say so.
    }
    return ids.includes(traceId)
      ? undefined
      : `Trace ${traceId} is not in ${project.resolvedPath} (deleted, or recorded elsewhere)`
  }

  // Both projects of a comparison link opened, and its sides as the page names them.
  const resolveDiff = (route: Extract<Route, {kind: 'diff'}>): OpenedLink => {
    const sides = [route.a, route.b].map(side => {
      const project = open(side.projectPath)
      const linked: LinkedExecution = {projectId: project.id, traceId: side.traceId}
      if (side.frameId !== undefined) linked.frameId = side.frameId
      if (side.nodeId !== undefined) linked.nodeId = side.nodeId
      return {linked, missing: missingTrace(project, side.traceId)}
    })
    const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]]
    const opened: OpenedLink = {projectId: a.linked.projectId}
    const missing = a.missing ?? b.missing
    if (missing !== undefined) opened.missing = missing
    else opened.comparison = {a: a.linked, b: b.linked}
    return opened
  }

  // Open the project a route names; for a link, say whether its trace is (still) there.
  const resolve = (route: Exclude<Route, {kind: 'rejected'}>): OpenedLink => {
    if (route.kind === 'project') return {projectId: open(route.path).id}
    if (route.kind === 'diff') return resolveDiff(route)
    const project = open(route.projectPath)
    const opened: OpenedLink = {projectId: project.id, traceId: route.traceId}
    if (route.frameId !== undefined) opened.frameId = route.frameId
    const missing = missingTrace(project, route.traceId)
    if (missing !== undefined) opened.missing = missing
    return opened
  }

  return {
    openRoute(route, input) {
      if (route.kind === 'rejected') {
        deps.emit('openRefused', {
          input: input === undefined ? '' : quoteInput(input),
          reason: route.reason,
        })
        return undefined
      }
      const opened = resolve(route)
      deps.emit('linkOpened', opened)
      return opened
    },

    openProject: req =>
      run(() => {
        const {path: given} = projectsRequestValidators.openProject(req)
        const route = routeInput(given, deps.route)
        if (route.kind !== 'project') {
          throw new ApiError(
            'bad-request',
            route.kind === 'rejected' ? route.reason : 'Open a link with openLink',
          )
        }
        return summarize(open(route.path))
      }),

    closeProject: req =>
      run(() => {
        const {projectId} = projectsRequestValidators.closeProject(req)
        const project = registry.remove(projectId)
        if (!project) throw new ApiError('not-found', `No project with id "${projectId}"`)
        if (remember) settings.forgetProject(project.resolvedPath)
      }),

    findProjects: req =>
      run(async () => {
        const {root, maxDepth = 4} = projectsRequestValidators.findProjects(req)
        const checked = checkPath(root, deps.route)
        if (typeof checked !== 'string') throw new ApiError('bad-request', checked.reason)
        const found = await findKoloProjects(checked, {maxDepth})
        const openIds = new Map(registry.all().map(p => [p.resolvedPath, p.id]))
        return {
          root: checked,
          truncated: found.truncated,
          projects: found.projects.map(p => ({
            path: p.path,
            label: path.basename(p.path) || p.path,
            format: p.format,
            ...(openIds.has(p.path) ? {openId: openIds.get(p.path)} : {}),
          })),
        }
      }),

    openLink: req =>
      run(() => {
        const {link} = projectsRequestValidators.openLink(req)
        const route = routeInput(link, deps.route)
        if (route.kind === 'rejected') throw new ApiError('bad-request', route.reason)
        return resolve(route)
      }),

    pickProject: req =>
      run(async (): Promise<{project?: ProjectSummary}> => {
        const {kind = 'folder'} = projectsRequestValidators.pickProject(req)
        if (!deps.pickPath) {
          throw new ApiError('unavailable', 'No file picker here: type the folder path instead')
        }
        const picked = await deps.pickPath(kind)
        if (picked === undefined) return {}
        const route = routeInput(picked, deps.route)
        if (route.kind !== 'project') {
          throw new ApiError('bad-request', route.kind === 'rejected' ? route.reason : 'Not a path')
        }
        return {project: summarize(open(route.path))}
      }),
  }
}
