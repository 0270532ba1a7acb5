import {MsgpackWriter, PyFloat} from './msgpack-writer'

/** Options of a synthetic C2 trace (tests, benchmarks, and warming the trace worker up). */
export interface SyntheticOptions {
  records: number
  /** Extra threads besides the main one, each with `records / 10` records. */
  threads?: number
}

const ULID = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function frameId(n: number): string {
  let s = ''
  for (let i = 0; i < 16; i++) {
    s = ULID[n % 32]! + s
    n = Math.floor(n / 32)
  }
  return `frm_01M8AECR8A${s}`
}

/**
 * A Kolo 2.40-shaped msgpack body of fib-like recursion frames with small locals.
 *
 * Written straight to a MsgpackWriter (never a 500,000-element object graph), so a test
 * can build the 500k-record body the performance target names in well under a second.
 */
export function syntheticC2Trace(options: SyntheticOptions): Uint8Array {
  const w = new MsgpackWriter(options.records * 220)
  const threads = 1 + (options.threads ?? 0)
  w.mapHeader(10)
  const head: [string, unknown][] = [
    ['command_line_args', ['fib.py']],
    ['current_commit_sha', null],
    ['current_thread_id', 'native_1'],
    [
      'meta',
      new Map<string, unknown>([
        ['version', '2.40.0'],
        ['source', 'kolo.enable'],
        ['config', new Map()],
      ]),
    ],
    ['timestamp', 1795646972.169954],
    ['trace_id', 'trc_01M8AECR889F4M33DWTT69S3XG'],
    ['trace_name', 'fib'],
    ['frames_of_interest', []],
    ['frames', new Map()],
  ]
  for (const [k, v] of head) {
    w.str(k)
    w.value(v)
  }
  w.str('threads')
  w.mapHeader(threads)
  let id = 0
  for (let t = 0; t < threads; t++) {
    const count = t === 0 ? options.records : Math.floor(options.records / 10)
    w.str(`native_${t + 1}`)
    w.mapHeader(6)
    w.str('name')
    w.str(t === 0 ? 'MainThread' : `Thread-${t}`)
    for (const k of ['ident', 'native_id']) {
      w.str(k)
      w.int(1000 + t)
    }
    for (const k of ['daemon', 'is_alive']) {
      w.str(k)
      w.value(false)
    }
    w.str('frames')
    w.arrayHeader(count)
    writeFib(w, count, id)
    id += count
  }
  return w.take()
}

/** `count` records of a recursion: calls down to a depth of 20, then returns back up. */
function writeFib(w: MsgpackWriter, count: number, firstId: number): void {
  const stack: string[] = []
  let ts = 1795646972.17
  for (let i = 0; i < count; i++) {
    const remaining = count - i
    const call =
      stack.length === 0 || (stack.length < 20 && remaining > stack.length + 1 && i % 3 !== 2)
    ts += 0.000_001
    const id = call ? frameId(firstId + i) : stack.pop()!
    if (call) stack.push(id)
    const depth = stack.length
    const parent = stack[stack.length - (call ? 2 : 1)]
    w.mapHeader(10)
    w.str('user_code_call_site')
    if (parent === undefined) w.value(null)
    else {
      w.mapHeader(2)
      w.str('call_frame_id')
      w.str(parent)
      w.str('line_number')
      w.int(5)
    }
    w.str('path')
    w.str(`fib.py:${call ? 3 : 7}`)
    w.str('co_name')
    w.str('fib')
    w.str('qualname')
    w.str('fib.fib')
    w.str('event')
    w.str(call ? 'call' : 'return')
    w.str('frame_id')
    w.str(id)
    w.str('arg')
    if (call) w.value(null)
    else w.int(depth * 3)
    w.str('locals')
    w.mapHeader(call ? 1 : 2)
    w.str('n')
    w.int(depth)
    if (!call) {
      w.str('result')
      w.value(new PyFloat(depth))
    }
    w.str('timestamp')
    w.float(ts)
    w.str('type')
    w.str('frame')
  }
}
