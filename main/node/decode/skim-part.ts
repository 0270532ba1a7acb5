import {decodeTraceBody} from './decode-trace-body'
import {SkimContext} from './skim-context'
import {SkimTableBuilder} from './skim-builder'
import type {SkimPart} from './skim-split'

/**
 * The helper's side: skim records from `start` until `maxRows`, the end of the bytes, or bytes
 * that are not a record (what follows the list); `stop` is asked every 4,096 rows.
 */
export function skimPart(
  bytes: Uint8Array,
  start: number,
  maxRows: number,
  stop: () => boolean,
): SkimPart {
  const ctx = new SkimContext(bytes, 'split', undefined, undefined)
  const builder = new SkimTableBuilder(ctx, maxRows)
  let pos = start
  const end = bytes.length
  for (let i = 0; i < maxRows && pos < end; i++) {
    if ((i & 4095) === 4095 && stop()) break
    try {
      pos = builder.add(pos, end)
    } catch {
      break // past the list's end (or damage the other thread will meet and name)
    }
  }
  return {...builder.exportRows(), strings: ctx.interner.strings}
}

/** Where the first long-enough record list of a msgpack body starts (its first record), or -1. */
export function firstListStart(body: Uint8Array): number {
  let first = -1
  decodeTraceBody(body, {
    source: 'list start',
    split: (_bytes, start) => {
      if (first < 0) first = start
      return undefined
    },
  })
  return first
}
