import type {ThreadPart, TraceParts} from './assemble-trace'
import {emptyTable} from './map-table'
import {MsgpackError, skipValues} from './msgpack-reader'
import {arrayHeader, mapHeader} from './msgpack-skip'
import type {PrefixHook, PrefixPart} from './prefix'
import type {KoloMap} from './py-objects'
import {SkimTableBuilder} from './skim-builder'
import {MIN_SPLIT_ROWS} from './skim-split'
import type {SkimSplit} from './skim-split'
import type {SkimContext} from './skim-context'
import type {SkimRecordTable} from './skim-table'

/** A thread key as Kolo prints it: str(key). */
export function threadKey(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value === null) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return Object.prototype.toString.call(value)
}

/** Skims the record lists of one msgpack trace map (C1, C2), decoding everything else. */
class TraceMapSkimmer {
  private pos = 0

  private top: KoloMap = new Map()
  private format: PrefixPart['format'] = 'msgpack-c2'

  constructor(
    private readonly ctx: SkimContext,
    private readonly end: number,
    private readonly prefix: PrefixHook | undefined,
  ) {}

  run(start: number): {parts: TraceParts; end: number} {
    const {bytes} = this.ctx
    const header = mapHeader(bytes, start, this.end)
    if (!header) throw new MsgpackError('the body is not a msgpack map', start)
    const [n, first] = header
    this.pos = first
    const parts: TraceParts = {
      top: this.top,
      framesOfInterest: emptyTable,
      c1Frames: undefined,
      threads: undefined,
    }
    for (let k = 0; k < n; k++) {
      const key = this.decode()
      if (key === 'threads' && mapHeader(bytes, this.pos, this.end)) parts.threads = this.threads()
      else if (key === 'frames' && mapHeader(bytes, this.pos, this.end)) {
        this.format = 'msgpack-c1'
        parts.c1Frames = this.c1Frames()
      } else if (key === 'frames_of_interest' && arrayHeader(bytes, this.pos, this.end)) {
        if (this.top.has('main_thread_id')) this.format = 'msgpack-c1'
        parts.framesOfInterest = this.records({key: 'main', info: new Map(), foi: true})
      } else parts.top.set(key, this.decode())
    }
    return {parts, end: this.pos}
  }

  private decode(): unknown {
    const value = this.ctx.decoder.decodeAt(this.pos, this.end)
    this.pos = this.ctx.decoder.pos
    return value
  }

  private records(thread: {key: string; info: KoloMap; foi?: boolean}): SkimRecordTable {
    const [n, first] = arrayHeader(this.ctx.bytes, this.pos, this.end)!
    if (n > this.end - first) throw new MsgpackError(`a record list claims ${n} records`, this.pos)
    const builder = new SkimTableBuilder(this.ctx, n)
    const offer = this.prefix && {...thread, format: this.format, top: this.top, records: builder}
    let split = this.split(first, n)
    let pos = first
    for (let i = 0; i < n; i++) {
      if (split && pos >= split.at) {
        const part = pos === split.at ? split.join() : (split.cancel(), undefined)
        split = undefined
        if (part && part.rows >= n - i) {
          pos = builder.appendRows(part, n - i)
          break
        }
      }
      pos = builder.add(pos, this.end)
      // After 256 records (a list row's head) and every 4,096: cheap enough to ask, often
      // enough for a first screen.
      if (offer && ((i & 4095) === 4095 || i === 255)) this.prefix?.offer({...offer, total: n})
    }
    split?.cancel()
    this.pos = pos
    return builder.finish()
  }

  /** The list's second half skimmed on another thread, when it is long and the body whole. */
  private split(first: number, n: number): SkimSplit | undefined {
    const {ctx} = this
    if (!ctx.split || n < MIN_SPLIT_ROWS || ctx.base !== 0 || ctx.valueTable) return undefined
    if (this.end !== ctx.bytes.length) return undefined
    return ctx.split(ctx.bytes, first, n)
  }

  private threads(): ThreadPart[] {
    const [n, first] = mapHeader(this.ctx.bytes, this.pos, this.end)!
    this.pos = first
    const out: ThreadPart[] = []
    for (let k = 0; k < n; k++) {
      const key = threadKey(this.decode())
      const header = mapHeader(this.ctx.bytes, this.pos, this.end)
      if (!header) {
        this.pos = skipValues(this.ctx.bytes, this.pos, this.end)
        out.push({key, info: new Map(), records: emptyTable})
        continue
      }
      this.pos = header[1]
      const info: KoloMap = new Map()
      let records: ThreadPart['records'] = emptyTable
      for (let j = 0; j < header[0]; j++) {
        const field = this.decode()
        if (field === 'frames' && arrayHeader(this.ctx.bytes, this.pos, this.end)) {
          records = this.records({key, info})
        } else info.set(field, this.decode())
      }
      out.push({key, info, records})
    }
    return out
  }

  private c1Frames(): ThreadPart[] {
    const [n, first] = mapHeader(this.ctx.bytes, this.pos, this.end)!
    this.pos = first
    const out: ThreadPart[] = []
    for (let k = 0; k < n; k++) {
      const key = threadKey(this.decode())
      if (arrayHeader(this.ctx.bytes, this.pos, this.end)) {
        out.push({key, info: new Map(), records: this.records({key, info: new Map()})})
      } else this.pos = skipValues(this.ctx.bytes, this.pos, this.end)
    }
    return out
  }
}

/**
 * Take a msgpack trace map apart: its record lists become offset-indexed tables.
 *
 * Returns the parts and the position after the map.
 */
export function skimTraceMap(
  ctx: SkimContext,
  start: number,
  end: number,
  prefix?: PrefixHook,
): {parts: TraceParts; end: number} {
  return new TraceMapSkimmer(ctx, end, prefix).run(start)
}
