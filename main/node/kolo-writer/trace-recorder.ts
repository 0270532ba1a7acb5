import {PyCollection} from '../decode/py-objects'
import {frameId} from './ulid'
import type {Random} from './ulid'

/**
 * Builds the records of one thread the way Kolo 2.40 writes them (kolo-format.md §5): key order,
 * shared frame ids for opening and closing records, `user_code_call_site` from the innermost open
 * frame and its current line, timestamps from a clock that only moves forward.
 */

/** A Python function as Kolo names it. */
export interface PyFunction {
  /** Path relative to the traced process's working directory. */
  file: string
  /** The `def` line. */
  line: number
  qualname: string
}

/** An open frame: the handle `call` returns and `ret` closes. */
export interface OpenFrame {
  id: string
  fn: PyFunction
  /** The frame's current line, used as the call site of what it calls. */
  line: number
  callSite: CallSite | null
}

/** Kolo's `user_code_call_site`. */
export type CallSite = Map<string, unknown>

type Fields = Record<string, unknown>

/** Records of one thread, appended in time order. */
export class TraceRecorder {
  readonly records: Map<string, unknown>[] = []
  private stack: OpenFrame[] = []
  private clock: number

  /**
   * @param start epoch seconds of the first record
   * @param random the seeded randomness for ids and jitter
   * @param outerCallSite the call site of records outside any traced frame (null, or a test
   *   runner's frame as Kolo records for `start_test`)
   */
  constructor(
    start: number,
    private readonly random: Random,
    private readonly outerCallSite: CallSite | null = null,
  ) {
    this.clock = start
  }

  /** The current time in epoch seconds. */
  get now(): number {
    return this.clock
  }

  /** Moves the clock by about `ms` milliseconds (±15%). */
  wait(ms: number): void {
    this.clock += (ms * (0.85 + 0.3 * this.random())) / 1000
  }

  /** A new frame id at the current time. */
  newId(): string {
    return frameId(this.clock, this.random)
  }

  /** The innermost open frame. */
  get top(): OpenFrame | undefined {
    return this.stack[this.stack.length - 1]
  }

  /** Sets the current line of the innermost frame (where its next call or query happens). */
  at(line: number): this {
    const top = this.top
    if (top) top.line = line
    return this
  }

  /** A `frame` call record; returns the handle to pass to `ret`. */
  call(fn: PyFunction, locals: Fields): OpenFrame {
    this.wait(0.06)
    const frame: OpenFrame = {id: this.newId(), fn, line: fn.line, callSite: this.callSite()}
    this.push(frameRecord(frame, fn.line, 'call', null, locals, this.clock))
    this.stack.push(frame)
    return frame
  }

  /** The `frame` return record of `frame`, returning `arg` from `line` (null when raising). */
  ret(frame: OpenFrame, line: number, arg: unknown, locals: Fields): void {
    this.wait(0.03)
    if (this.top !== frame) throw new Error(`returning from ${frame.fn.qualname} out of order`)
    this.stack.pop()
    this.push(frameRecord(frame, line, 'return', arg, locals, this.clock))
  }

  /** A record of any other type: common keys first, then `fields` in order. */
  event(type: string, fields: Fields, id = this.newId()): string {
    const record = new Map<string, unknown>([
      ['frame_id', id],
      ['timestamp', this.clock],
      ['user_code_call_site', this.callSite()],
      ['type', type],
    ])
    for (const [k, v] of Object.entries(fields)) record.set(k, v)
    this.push(record)
    return id
  }

  /** A start_sql_query/end_sql_query pair taking about `ms`. */
  sql(query: SqlQuery, ms: number): void {
    this.wait(0.1)
    const id = this.event('start_sql_query', {
      database: query.database ?? 'postgresql',
      call_timestamp: this.clock + 0.000008,
    })
    this.wait(ms)
    this.event(
      'end_sql_query',
      {
        database: query.database ?? 'postgresql',
        return_timestamp: this.clock + 0.000002,
        query_template: query.template,
        query: query.query ?? interpolate(query.template, query.params),
        query_data: query.data,
        query_params: new PyCollection('tuple', query.params),
      },
      id,
    )
  }

  private callSite(): CallSite | null {
    const top = this.top
    if (!top) return this.outerCallSite
    return new Map<string, unknown>([
      ['call_frame_id', top.id],
      ['line_number', top.line],
    ])
  }

  private push(record: Map<string, unknown>): void {
    this.records.push(record)
  }
}

/** One SQL query as the recorder takes it. */
export interface SqlQuery {
  template: string
  params: unknown[]
  /** Rows as Kolo stores them: `[[tuple, …]]` for SELECT, `[tuple]` for INSERT … RETURNING. */
  data: unknown
  /** The query with params inlined; default: the template with `%s` replaced. */
  query?: string
  database?: string
}

function frameRecord(
  frame: OpenFrame,
  line: number,
  event: 'call' | 'return',
  arg: unknown,
  locals: Fields,
  timestamp: number,
): Map<string, unknown> {
  const name = frame.fn.qualname.slice(frame.fn.qualname.lastIndexOf('.') + 1)
  return new Map<string, unknown>([
    ['path', `${frame.fn.file}:${line}`],
    ['co_name', name],
    ['qualname', frame.fn.qualname],
    ['event', event],
    ['frame_id', frame.id],
    ['arg', arg],
    ['locals', new Map(Object.entries(locals))],
    ['timestamp', timestamp],
    ['type', 'frame'],
    ['user_code_call_site', frame.callSite],
  ])
}

/** A `%s` template with its params inlined as SQL literals (what Django's last_executed_query shows). */
export function interpolate(template: string, params: unknown[]): string {
  let i = 0
  return template.replace(/%s/g, () => sqlLiteral(params[i++]))
}

function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`
  if (v instanceof PyCollection) return `(${v.items.map(sqlLiteral).join(', ')})`
  const text = (v as {text?: string; iso?: string}).text ?? (v as {iso?: string}).iso
  return text === undefined ? 'NULL' : `'${text}'`
}
