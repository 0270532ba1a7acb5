import {buildCallGraph} from '../../shared/algorithms/call-graph'
import type {CallGraph, CallGraphOptions} from '../../shared/algorithms/call-graph'
import type {FlameLayout, TreeColumns} from '../../shared/algorithms/flame-columns'
import {searchRows} from '../../shared/algorithms/flame-search'
import {functionStats} from '../../shared/algorithms/function-stats'
import type {FunctionStats} from '../../shared/algorithms/function-stats'
import {buildFunctionTable} from '../../shared/algorithms/function-table'
import type {FunctionTable} from '../../shared/algorithms/function-table'
import {
  buildCallers,
  buildLeftHeavy,
  mergeCallPaths,
  outermostCalls,
} from '../../shared/algorithms/merge-paths'

/** The model columns the analysis needs, as they cross to the worker. */
export type AnalysisInput = Pick<
  TreeColumns,
  | 'nodeCount'
  | 'depth'
  | 'startNs'
  | 'endNs'
  | 'kind'
  | 'flags'
  | 'nameId'
  | 'fileId'
  | 'line'
  | 'parent'
  | 'size'
  | 'strings'
>

/** Rows that match a search, and which strings matched (to map matches onto merged layouts). */
export interface SearchResult {
  query: string
  rows: Uint32Array
  stringHit: Uint8Array
}

/** The requests the analysis answers, with their results. */
export interface AnalysisRequests {
  functions: {req: undefined; res: FunctionTable}
  stats: {req: undefined; res: FunctionStats}
  leftHeavy: {req: undefined; res: {layout: FlameLayout; layoutOfRow: Int32Array}}
  callers: {req: {fn: number}; res: FlameLayout}
  callees: {req: {fn: number}; res: {layout: FlameLayout; layoutOfRow: Int32Array}}
  search: {req: {query: string}; res: SearchResult}
  rowsOfFunction: {req: {fns: number[]}; res: Uint32Array}
  callGraph: {req: CallGraphOptions; res: CallGraph}
}

/** One request name. */
export type AnalysisMethod = keyof AnalysisRequests

/**
 * The derived work of the flame and graph views over one model: what the worker runs, and what
 * runs in-thread where no Worker exists (unit tests). The function table is computed once.
 */
export class AnalysisCore {
  private fns: FunctionTable | undefined

  constructor(private readonly model: AnalysisInput) {}

  private get cols(): TreeColumns {
    return this.model
  }

  private functions(): FunctionTable {
    this.fns ??= buildFunctionTable(this.cols)
    return this.fns
  }

  /** Answer one request. */
  run<M extends AnalysisMethod>(
    method: M,
    req: AnalysisRequests[M]['req'],
  ): AnalysisRequests[M]['res'] {
    const r = req as Record<string, unknown> | undefined
    const out: {[K in AnalysisMethod]: () => AnalysisRequests[K]['res']} = {
      functions: () => this.functions(),
      stats: () => functionStats(this.cols, this.functions()),
      leftHeavy: () => buildLeftHeavy(this.cols, this.functions()),
      callers: () => buildCallers(this.cols, this.functions(), r!.fn as number),
      callees: () =>
        mergeCallPaths(
          this.cols,
          this.functions(),
          outermostCalls(this.cols, this.functions(), r!.fn as number),
        ),
      search: () => this.search(r!.query as string),
      rowsOfFunction: () => this.rowsOfFunction(r!.fns as number[]),
      callGraph: () => buildCallGraph(this.cols, this.functions(), req as CallGraphOptions),
    }
    return out[method]()
  }

  private search(query: string): SearchResult {
    const rows = searchRows(this.cols, query)
    const needle = query.trim().toLowerCase()
    const stringHit = new Uint8Array(this.model.strings.length)
    if (needle !== '') {
      this.model.strings.forEach((s, i) => {
        if (s.toLowerCase().includes(needle)) stringHit[i] = 1
      })
    }
    return {query, rows, stringHit}
  }

  private rowsOfFunction(fns: number[]): Uint32Array {
    const want = new Uint8Array(this.functions().count)
    for (const fn of fns) want[fn] = 1
    const fnOf = this.functions().fnOf
    const rows: number[] = []
    for (let i = 0; i < fnOf.length; i++) if (want[fnOf[i]!]) rows.push(i)
    return Uint32Array.from(rows)
  }
}

/** The ArrayBuffers inside a result, to transfer rather than copy. */
export function transferables(value: unknown, out: Transferable[] = [], depth = 0): Transferable[] {
  if (depth > 3 || value === null || typeof value !== 'object') return out
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && !out.includes(value.buffer)) out.push(value.buffer)
    return out
  }
  if (Array.isArray(value)) return out
  for (const v of Object.values(value)) transferables(v, out, depth + 1)
  return out
}
