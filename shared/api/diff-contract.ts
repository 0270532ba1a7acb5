import type {TraceRef} from '../model/trace-ref'
import {int, num, obj, optional, traceRef} from './validate'
import type {Validator} from './validate'

/** Comparing two traces, or two executions of one function (shared/diff). Merged into TraceApi. */
export interface DiffApi {
  /**
   * The diff of trace `a` against trace `b` (of any projects), framed by shared/diff/diff-codec
   * (`decodeTraceDiff`). With `roots`, the subtrees at those nodes are compared (two executions;
   * `a` and `b` may name the same trace). Noise: time changes below both thresholds are ignored.
   */
  diffTraces(req: {
    a: TraceRef
    b: TraceRef
    roots?: {a: number; b: number}
    noise?: {minAbsNs?: number; minRel?: number}
  }): Promise<ArrayBuffer>
}

const node = int(0, 2 ** 31)

/** One validator per DiffApi method. */
export const diffRequestValidators = {
  diffTraces: obj({
    a: traceRef,
    b: traceRef,
    roots: optional(obj({a: node, b: node})),
    noise: optional(obj({minAbsNs: optional(num(0, 1e15)), minRel: optional(num(0, 100))})),
  }),
} satisfies {[M in keyof DiffApi]: Validator<Parameters<DiffApi[M]>[0]>}

/** DiffApi methods whose result is an ArrayBuffer. */
export const diffBinaryMethods = ['diffTraces'] as const
