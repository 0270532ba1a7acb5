import {existsSync} from 'node:fs'
import path from 'node:path'
import type {ProjectSummary} from '../../shared/model/trace-summary'
import {createTraceService} from '../node/service/service'
import type {TraceService, TraceServiceDeps} from '../node/service/service'
import {builtPath} from './built-files'
import {CliError} from './command'

/** The built trace worker, when there is one (dist/main/trace-worker.js). */
export function workerPath(): string | undefined {
  return builtPath(path.join('main', 'trace-worker.js'))
}

/** The built project-index worker, when there is one (dist/main/project-index-worker.js). */
export function indexWorkerPath(): string | undefined {
  return builtPath(path.join('main', 'project-index-worker.js'))
}

/**
 * Run `use` with a service over one project that opened, and dispose of it after.
 *
 * A path that does not exist, or a store that fails to open, is a data error (exit 1) whose
 * message names the file and the problem.
 */
export async function withProject<T>(
  projectPath: string,
  use: (service: TraceService, project: ProjectSummary) => Promise<T>,
  deps?: Partial<TraceServiceDeps>,
  options: {index?: boolean} = {},
): Promise<T> {
  if (!existsSync(projectPath)) throw new CliError(`${projectPath}: no such file or folder`, 1)
  const service = createTraceService(
    {
      projectPaths: [projectPath],
      watch: false,
      workerPath: workerPath(),
      ...(options.index ? {index: true, indexWorkerPath: indexWorkerPath()} : {}),
    },
    deps,
  )
  try {
    const [project] = await service.listProjects({})
    if (!project) throw new CliError(`${projectPath}: could not be opened`, 1)
    if (project.error !== undefined) throw new CliError(project.error, 1)
    return await use(service, project)
  } finally {
    await service.dispose()
  }
}
