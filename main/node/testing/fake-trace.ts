import type {DecodedThread, DecodedTrace} from '../decode/decoded-trace'
import {MapRecordTable} from '../decode/map-table'
import type {KoloMap} from '../decode/py-objects'

/** Plain objects → Maps, recursively (arrays stay arrays, class instances stay as they are). */
export function toKolo(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toKolo)
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return new Map(Object.entries(value).map(([k, v]) => [k, toKolo(v)]))
  }
  return value
}

/** A decoded trace over hand-written records, for tests: one thread per entry of `threads`. */
export function fakeTrace(
  threads: Record<string, object[]>,
  options: Partial<Omit<DecodedTrace, 'threads'>> = {},
): DecodedTrace {
  const list: DecodedThread[] = Object.entries(threads).map(([key, records]) => ({
    key,
    name: key,
    records: new MapRecordTable(records.map(r => toKolo(r) as KoloMap)),
  }))
  return {
    format: 'msgpack-c2',
    traceId: 'trc_TEST',
    timestamp: 1000,
    threads: list,
    mainThreadKey: list[0]?.key ?? 'main',
    recovered: false,
    byteLength: 0,
    ...options,
  }
}

/** Records for tests: frame call/return, and typed records, with increasing timestamps. */
export class RecordMaker {
  private t = 1000

  /** The next timestamp (1 ms apart). */
  tick(): number {
    this.t += 0.001
    return this.t
  }

  /** A frame `call` record. */
  call(id: string, qualname: string, path: string, extra: object = {}): object {
    const coName = qualname.split('.').pop() ?? qualname
    return {
      type: 'frame',
      event: 'call',
      frame_id: id,
      timestamp: this.tick(),
      path,
      qualname,
      co_name: coName,
      arg: null,
      locals: {},
      user_code_call_site: null,
      ...extra,
    }
  }

  /** A frame `return` record. */
  ret(id: string, qualname: string, path: string, extra: object = {}): object {
    const coName = qualname.split('.').pop() ?? qualname
    return {
      type: 'frame',
      event: 'return',
      frame_id: id,
      timestamp: this.tick(),
      path,
      qualname,
      co_name: coName,
      arg: null,
      locals: {},
      user_code_call_site: null,
      ...extra,
    }
  }

  /** A typed record. */
  rec(type: string, id: string, extra: object = {}): object {
    return {type, frame_id: id, timestamp: this.tick(), user_code_call_site: null, ...extra}
  }
}
