import {existsSync} from 'node:fs'
import path from 'node:path'
import {requestValidators} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {EditorLaunch} from '../../../shared/api/source-contract'
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
  /** Open a local file in the chosen editor (the editor launcher: argv, never a shell). */
  openFile(target: {file: string; line: number; projectRoot: string}): Promise<EditorLaunch>
}

/**
 * Generating a test runs in the trace worker, beside the built trace (shared/testgen over the
 * model and its node details); saving writes into the project, only below its source root, never
 * over a file unless asked. The files it wrote may be opened in the editor, no other.
 */
export function createTestGenService(deps: TestGenServiceDeps): TestGenApi {
  // Files saveGeneratedTest wrote in this service's lifetime, with their project's source root:
  // the only paths openSavedTest opens (the page names a path here, so it must be one of ours).
  const written = new Map<string, string>()
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
      const status = writeTestFile(file, code, overwrite)
      if (status === 'written') written.set(file, root)
      return {status, path: file}
    },

    async openSavedTest(req) {
      const {path: asked} = requestValidators.openSavedTest(req)
      const root = path.isAbsolute(asked) ? written.get(path.resolve(asked)) : undefined
      if (root === undefined) {
        throw new ApiError('forbidden', `${asked}: not a test saved in this session`)
      }
      const file = path.resolve(asked)
      if (!existsSync(file)) throw new ApiError('not-found', `${file}: the saved test is gone`)
      return deps.openFile({file, line: 1, projectRoot: root})
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
