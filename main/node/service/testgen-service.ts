import path from 'node:path'
import {requestValidators} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {TestGenApi} from '../../../shared/api/testgen-contract'
import {writeTestFile} from '../testgen/write-test-file'
import type {TraceQueries} from './trace-queries'

/** How test generation reaches the rest of the service. */
export interface TestGenServiceDeps {
  queries: Pick<TraceQueries, 'ask'>
  /** Where the project's code is: its source root (the user's choice, else the .kolo/ folder). */
  sourceRoot(projectId: string): Promise<string>
  /** The project's path, for the kolo-explorer:// link in a test's header. */
  projectPath(projectId: string): string
  /** The project's Kolo database, when it is one (for a schema Kolo saved). */
  dbFile(projectId: string): string | undefined
}

/**
 * Generating a test runs in the trace worker, beside the built trace (shared/testgen over the
 * model and its node details); saving writes into the project, only below its source root, never
 * over a file unless asked.
 */
export function createTestGenService(deps: TestGenServiceDeps): TestGenApi {
  return {
    async generateTest(req) {
      const {trace, nodeId, style} = requestValidators.generateTest(req)
      const sourceRoot = await deps.sourceRoot(trace.projectId)
      return deps.queries.ask('generateTest', trace, {
        nodeId,
        style,
        sourceRoot,
        dbFile: deps.dbFile(trace.projectId),
        projectPath: deps.projectPath(trace.projectId),
      })
    },

    async saveGeneratedTest(req) {
      const {
        trace,
        path: relative,
        code,
        overwrite = false,
      } = requestValidators.saveGeneratedTest(req)
      const root = path.resolve(await deps.sourceRoot(trace.projectId))
      const file = insideRoot(root, relative)
      return {status: writeTestFile(file, code, overwrite), path: file}
    },
  }
}

/** `relative` resolved below `root`: a Python file there, or a 'bad-request' ApiError. */
export function insideRoot(root: string, relative: string): string {
  if (path.isAbsolute(relative) || /[\0\r\n]/.test(relative)) {
    throw new ApiError('bad-request', `${relative}: give a path relative to the project (${root})`)
  }
  const file = path.resolve(root, relative)
  const back = path.relative(root, file)
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) {
    throw new ApiError('forbidden', `${relative}: outside the project (${root})`)
  }
  if (!file.endsWith('.py')) throw new ApiError('bad-request', `${relative}: not a .py file`)
  return file
}
