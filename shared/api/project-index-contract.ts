import type {
  FunctionHistory,
  IndexNotice,
  IndexProgress,
  IndexStatus,
  LineMarks,
  PaletteResult,
  ProjectOverlap,
  ProjectOverview,
} from '../project-index/index-types'
import type {TraceRef} from '../model/trace-ref'
import {arrayOf, int, obj, optional, str, text, traceRef} from './validate'
import type {Validator} from './validate'

/**
 * Across the traces of a project: the overview (timeline, endpoints), where traces overlap, the
 * history of a function and the find-anything palette, all answered from the project index that
 * the service builds in the background (main/node/project-index). Merged into TraceApi.
 */
export interface ProjectIndexApi {
  /** Every request, job and test on one timeline, the endpoint table and the index's state. */
  getProjectOverview(req: {projectId: string}): Promise<ProjectOverview>
  /** Functions, SQL, templates and hosts shared by the selected traces (default: all) vs unique. */
  getProjectOverlap(req: {
    projectId: string
    traceIds?: string[]
    limit?: number
  }): Promise<ProjectOverlap>
  /** Per line of a file of a trace: in how many of the selected traces (default all) it ran. */
  getLineMarks(req: {trace: TraceRef; fileId: number; traceIds?: string[]}): Promise<LineMarks>
  /** The last calls of a function across the project, newest first, with their values. */
  getFunctionHistory(req: {
    projectId: string
    qualname: string
    file?: string
    limit?: number
    beforeMs?: number
  }): Promise<FunctionHistory>
  /** Traces, functions, files, SQL and exception messages matching a query, grouped. */
  searchProject(req: {projectId: string; query: string; limit?: number}): Promise<PaletteResult>
  /** How far the index is, and what went wrong building it. */
  getProjectIndexStatus(req: {projectId: string}): Promise<IndexStatus>
}

/** Events of the project index (merged into TraceEvents). */
export interface ProjectIndexEvents {
  /** A build moved on (at most ~10 a second, and always its last step). */
  projectIndexProgressed: {projectId: string; progress: IndexProgress}
  /** These traces were indexed, re-indexed or dropped: refetch what shows them. */
  projectIndexChanged: {projectId: string; traceIds: string[]}
  /** Something the user should know: a trace that failed, a missing store, a rebuilt index. */
  projectIndexNoticed: {projectId: string; notice: IndexNotice}
}

const projectId = str(200)
const traceIds = optional(arrayOf(str(200), 10_000))

/** One validator per ProjectIndexApi method. */
export const projectIndexRequestValidators = {
  getProjectOverview: obj({projectId}),
  getProjectOverlap: obj({projectId, traceIds, limit: optional(int(1, 1000))}),
  getLineMarks: obj({trace: traceRef, fileId: int(0, 2 ** 31), traceIds}),
  getFunctionHistory: obj({
    projectId,
    qualname: str(1000),
    file: optional(str(4096)),
    limit: optional(int(1, 500)),
    beforeMs: optional(int(0)),
  }),
  searchProject: obj({projectId, query: text(200), limit: optional(int(1, 50))}),
  getProjectIndexStatus: obj({projectId}),
} satisfies {[M in keyof ProjectIndexApi]: Validator<Parameters<ProjectIndexApi[M]>[0]>}

/** The ProjectIndexApi event names. */
export const projectIndexEventNames: (keyof ProjectIndexEvents)[] = [
  'projectIndexProgressed',
  'projectIndexChanged',
  'projectIndexNoticed',
]
