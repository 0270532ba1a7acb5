import {closeSync, openSync, writeSync} from 'node:fs'
import {KoloContainerStream} from '../main/node/kolo-writer/kolo3-stream'
import {MsgpackWriter} from '../main/node/kolo-writer/msgpack-writer'
import {seededRandom, traceId, ulid} from '../main/node/kolo-writer/ulid'
import type {Random} from '../main/node/kolo-writer/ulid'

/**
 * A synthetic Kolo 2.40 trace of a fib-like recursion, streamed to a file as one msgpack map.
 *
 * `calls` frame spans (one `main`, the rest `fib`) give 2 × calls records, each a call or return
 * record with realistic locals (ints, a str, a small dict) as Kolo writes them. The records go
 * through a MsgpackWriter flushed every few MB, so 1.7M records never sit in memory as objects.
 */

const FILE = 'bench_app/fib.py'
const LINE_MAIN = 20
const LINE_FIB = 4
const FLUSH_BYTES = 4 * 1024 * 1024
const TOP_N = 24
const LINE_PROBE = 14

/**
 * How a trace differs from the plain recursion, for the diff benchmark: extra leaf calls, fib
 * subtrees left out, a smaller top `n` (more, smaller rounds: wider sibling lists under main).
 * Calls are numbered in the order the plain recursion would enter them (main not counted).
 */
export interface FibVariant {
  /** After the call with this number returns, call `memo_probe` once (a leaf sibling). */
  extraAt?: number[]
  /** Leave out the call with this number and its subtree; its calls are spent later instead. */
  dropAt?: number[]
  /** The `n` of each round's top call (default 24). */
  topN?: number
}

/** What writeFibTrace wrote. */
export interface FibTrace {
  traceId: string
  records: number
  bytes: number
  /** Epoch seconds of the last record (the trace's created_at is just after it). */
  endTime: number
}

/** Writes the trace map to `file`; deterministic for a given `calls` and `seed`. */
export function writeFibTrace(
  file: string,
  calls: number,
  seed = 1,
  start = 1_767_225_600,
  variant: FibVariant = {},
): FibTrace {
  if (calls < 1) throw new Error('calls must be at least 1')
  const random = seededRandom(seed)
  const id = traceId(start, random)
  const fd = openSync(file, 'w')
  const w = new MsgpackWriter(FLUSH_BYTES + 64 * 1024)
  let bytes = 0
  const flush = (force = false): void => {
    if (!force && w.length < FLUSH_BYTES) return
    const view = w.takeView()
    writeSync(fd, view)
    bytes += view.length
  }
  try {
    const extras = variant.extraAt?.length ?? 0
    writeHead(w, id, start, calls, calls * 2 + extras * 2)
    const gen = new FibRecords(w, random, start, calls, flush, variant)
    gen.run()
    flush(true)
    // The header promised this many records: an extra call that never ran breaks the file.
    if (gen.extrasWritten !== extras) throw new Error('extraAt names a call that did not run')
    return {traceId: id, records: calls * 2 + extras * 2, bytes, endTime: gen.clock}
  } finally {
    closeSync(fd)
  }
}

/** The trace-level fields, in Kolo 2.40's order (before `threads`). */
function headFields(
  id: string,
  start: number,
  calls: number,
  version: string,
): [string, unknown][] {
  return [
    ['command_line_args', ['bench_app/fib.py', String(calls)]],
    ['current_commit_sha', null],
    ['current_thread_id', 'native_4242'],
    [
      'meta',
      {
        version,
        source: 'kolo.enable',
        environment: {py_version: '3.12.7', system: 'Linux', machine: 'x86_64'},
        config: {use_monitoring: false, use_rust: false},
      },
    ],
    ['timestamp', start],
    ['trace_id', id],
    ['trace_name', `fib benchmark (${calls} calls)`],
    ['frames_of_interest', []],
    ['frames', new Map()],
  ]
}

const THREAD_FIELDS: [string, unknown][] = [
  ['name', 'MainThread'],
  ['ident', 140_245_678_901_248],
  ['native_id', 4242],
  ['daemon', false],
  ['is_alive', true],
]

function writeHead(
  w: MsgpackWriter,
  id: string,
  start: number,
  calls: number,
  records: number,
): void {
  w.mapHeader(10)
  for (const [key, value] of headFields(id, start, calls, '2.40.0')) {
    w.str(key)
    w.value(value)
  }
  w.str('threads')
  w.mapHeader(1)
  w.str('native_4242')
  w.mapHeader(6)
  for (const [key, value] of THREAD_FIELDS) {
    w.str(key)
    w.value(value)
  }
  w.str('frames')
  w.arrayHeader(records)
}

/**
 * The same recursion as a Kolo 3.x container (`.kolo`), streamed through kolo-writer's container
 * writer: only the chunk being filled is in memory, so 10M records (~3 GB, beyond what a 2.x
 * SQLite blob may hold) are written in a few MB.
 */
export function writeFibContainer(
  file: string,
  calls: number,
  seed = 1,
  start = 1_767_225_600,
): FibTrace {
  if (calls < 1) throw new Error('calls must be at least 1')
  const random = seededRandom(seed)
  const id = traceId(start, random)
  const fd = openSync(file, 'w')
  try {
    const stream = new KoloContainerStream(fd, {traceId: id, timestamp: start})
    const w = new MsgpackWriter(64 * 1024)
    const gen = new FibRecords(w, random, start, calls, () => stream.frame(1, w.takeView()), {})
    gen.run()
    stream.finish(
      [{key: 'native_4242', fields: new Map(THREAD_FIELDS)}],
      new Map(headFields(id, start, calls, '3.6.1')),
    )
    return {traceId: id, records: calls * 2, bytes: stream.bytes, endTime: gen.clock}
  } finally {
    closeSync(fd)
  }
}

const fibs: number[] = [0, 1]
for (let i = 2; i <= TOP_N; i++) fibs.push((fibs[i - 1] ?? 0) + (fibs[i - 2] ?? 0))

class FibRecords {
  clock: number
  extrasWritten = 0
  private budget: number
  private entered = 0
  private readonly extraAt: ReadonlySet<number>
  private readonly dropAt: ReadonlySet<number>
  private readonly topN: number

  constructor(
    private readonly w: MsgpackWriter,
    private readonly random: Random,
    start: number,
    calls: number,
    private readonly flush: () => void,
    variant: FibVariant,
  ) {
    this.clock = start + 0.0002
    this.budget = calls
    this.extraAt = new Set(variant.extraAt)
    this.dropAt = new Set(variant.dropAt)
    this.topN = Math.min(TOP_N, variant.topN ?? TOP_N)
  }

  run(): void {
    this.budget--
    const id = this.frameId()
    this.record(id, 'call', 'main', 'bench_app.fib.main', LINE_MAIN, null, undefined, null)
    let rounds = 0
    while (this.budget > 0) {
      this.fib(this.topN, id, [], rounds)
      rounds++
    }
    this.record(id, 'return', 'main', 'bench_app.fib.main', LINE_MAIN + 4, rounds, {rounds}, null)
  }

  private fib(n: number, parent: string, path: string[], round: number): void {
    const number = this.entered++
    if (this.dropAt.has(number)) return
    this.budget--
    const id = this.frameId()
    const site = {id: parent, line: path.length ? LINE_FIB + 3 : LINE_MAIN + 2}
    const key = `fib:${n}`
    this.record(
      id,
      'call',
      'fib',
      'bench_app.fib.fib',
      LINE_FIB,
      null,
      {n, depth: path.length, round, cache_key: key},
      site,
    )
    if (n >= 2) {
      path.push('l')
      if (this.budget > 0) this.fib(n - 1, id, path, round)
      path[path.length - 1] = 'r'
      if (this.budget > 0) this.fib(n - 2, id, path, round)
      path.pop()
    }
    const result = fibs[n] ?? 0
    const locals = {
      n,
      depth: path.length,
      round,
      cache_key: key,
      left: n >= 2 ? (fibs[n - 1] ?? 0) : null,
      right: n >= 2 ? (fibs[n - 2] ?? 0) : null,
      stats: {hits: n & 3, misses: n >> 2},
    }
    this.record(
      id,
      'return',
      'fib',
      'bench_app.fib.fib',
      n < 2 ? LINE_FIB + 2 : LINE_FIB + 4,
      result,
      locals,
      site,
    )
    if (this.extraAt.has(number)) this.probe(site, n)
  }

  /** A leaf call of `memo_probe(n)` from the parent frame: the diff bench's inserted call. */
  private probe(site: {id: string; line: number}, n: number): void {
    const id = this.frameId()
    const qualname = 'bench_app.fib.memo_probe'
    this.record(id, 'call', 'memo_probe', qualname, LINE_PROBE, null, {n}, site)
    this.record(id, 'return', 'memo_probe', qualname, LINE_PROBE + 1, false, {n}, site)
    this.extrasWritten++
  }

  private record(
    id: string,
    event: 'call' | 'return',
    coName: string,
    qualname: string,
    line: number,
    arg: unknown,
    locals: Record<string, unknown> | undefined,
    site: {id: string; line: number} | null,
  ): void {
    const w = this.w
    this.clock += 0.0000011 + this.random() * 0.0000004
    w.mapHeader(10)
    w.str('path')
    w.str(`${FILE}:${line}`)
    w.str('co_name')
    w.str(coName)
    w.str('qualname')
    w.str(qualname)
    w.str('event')
    w.str(event)
    w.str('frame_id')
    w.str(id)
    w.str('arg')
    w.value(arg)
    w.str('locals')
    w.value(locals ?? {})
    w.str('timestamp')
    w.float(this.clock)
    w.str('type')
    w.str('frame')
    w.str('user_code_call_site')
    if (site) {
      w.mapHeader(2)
      w.str('call_frame_id')
      w.str(site.id)
      w.str('line_number')
      w.int(site.line)
    } else {
      w.value(null)
    }
    this.flush()
  }

  private frameId(): string {
    return `frm_${ulid(this.clock * 1000, this.random)}`
  }
}
