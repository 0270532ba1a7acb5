import type {TraceRef} from '../model/trace-ref'
import type {TestGenResult, TestStyle} from '../testgen/report'
import type {EditorLaunch} from './source-contract'
import {bool, int, obj, oneOf, optional, str, traceRef} from './validate'
import type {Validator} from './validate'

/**
 * Tests generated from a trace (trace inversion, shared/testgen): the Test view and "Generate
 * test" on a frame. Merged into TraceApi.
 */
export interface TestGenApi {
  /**
   * A Django test for a request of the trace (default: its first request) or a unit test for one
   * frame (`nodeId`), with a report of what was arranged, mocked, asserted and skipped.
   */
  generateTest(req: {trace: TraceRef; nodeId?: number; style?: TestStyle}): Promise<GeneratedTest>
  /**
   * Save a generated test into the project: `path` is relative to the project's source root and
   * must stay inside it. Never overwrites unless `overwrite`; answers 'exists' instead.
   */
  saveGeneratedTest(req: {
    trace: TraceRef
    path: string
    code: string
    overwrite?: boolean
  }): Promise<SavedTest>
  /**
   * Open a test file in the chosen editor: only a file saveGeneratedTest wrote in this session
   * (`path` as it answered), anything else is 'forbidden'. Saved tests are not files of a
   * trace, so openInEditor cannot name them.
   */
  openSavedTest(req: {path: string}): Promise<EditorLaunch>
}

/** A generated test (or why there is none), and how long each step took. */
export type GeneratedTest = TestGenResult & {
  timings: {schemaMs: number; gatherMs: number; generateMs: number}
}

/** Where a test was saved, or that a file is in the way. */
export interface SavedTest {
  status: 'written' | 'exists'
  /** The absolute path written (or found in the way). */
  path: string
}

/** One validator per TestGenApi method. */
export const testGenRequestValidators = {
  generateTest: obj({
    trace: traceRef,
    nodeId: optional(int(0, 2 ** 31)),
    style: optional(oneOf('django', 'pytest')),
  }),
  saveGeneratedTest: obj({
    trace: traceRef,
    path: str(1024),
    code: str(4_000_000),
    overwrite: optional(bool),
  }),
  openSavedTest: obj({path: str(4096)}),
} satisfies {[M in keyof TestGenApi]: Validator<Parameters<TestGenApi[M]>[0]>}
