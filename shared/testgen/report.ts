/** What a generated test holds and what it left out, for the UI and the CLI. */
export interface TestGenReport {
  traceId: string
  target: {nodeId: number; kind: 'request' | 'frame'; name: string}
  style: TestStyle
  /** Where the schema came from ('kolo-schema', 'source', 'none'). */
  schemaOrigin: string
  arranged: ArrangedEntry[]
  mocks: MockEntry[]
  asserts: AssertEntry[]
  skipped: SkippedEntry[]
  /** Tables no model was found for: the test looks them up by db_table at run time. */
  unresolvedTables: string[]
  /** The instant the clock is frozen at, when it is. */
  frozenAt?: string
}

/** Django's TestCase (default) or pytest with pytest-django. */
export type TestStyle = 'django' | 'pytest'

/** One row the test creates before acting. */
export interface ArrangedEntry {
  table: string
  model: string
  variable: string
  pk: string
  /** Where its values come from: a SELECT, an earlier INSERT, or inferred (chunked fetch, FK, EXISTS, …). */
  source: string
  /** Columns given placeholder values because the trace does not hold them. */
  placeholders: string[]
}

/** One outbound HTTP call replaced by its recorded response. */
export interface MockEntry {
  library: string
  method: string
  url: string
  status?: number
  note?: string
}

/** One assertion, as text. */
export interface AssertEntry {
  kind:
    | 'status'
    | 'redirect'
    | 'json'
    | 'content'
    | 'template'
    | 'text'
    | 'row'
    | 'row-deleted'
    | 'count'
    | 'http-calls'
    | 'exception'
    | 'return'
  text: string
}

/** Something the trace holds that the test does not reproduce, and why. */
export interface SkippedEntry {
  what: string
  reason: string
}

/** The generator's answer: a test and its report, or why there is nothing to test. */
export type TestGenResult =
  | {ok: true; code: string; report: TestGenReport; suggestedPath: string; moduleName: string}
  | {ok: false; reason: string}

/** Collects report entries while the test is built. */
export class ReportBuilder {
  readonly arranged: ArrangedEntry[] = []
  readonly mocks: MockEntry[] = []
  readonly asserts: AssertEntry[] = []
  readonly skipped: SkippedEntry[] = []
  readonly unresolved = new Set<string>()
  frozenAt?: string

  skip(what: string, reason: string): void {
    if (!this.skipped.some(s => s.what === what && s.reason === reason)) {
      this.skipped.push({what, reason})
    }
  }

  assert(kind: AssertEntry['kind'], text: string): void {
    this.asserts.push({kind, text})
  }
}
