import type {ByteSource} from '../decode/byte-source'
import type {DecodedThread, RecordTable} from '../decode/decoded-trace'
import {LeanRecordTable} from '../decode/lean-table'
import {ALL_THREADS, pickThreads} from '../decode/pick-threads'
import {SkimRecordTable} from '../decode/skim-table'
import type {BuiltTrace} from '../model/build-trace'
import {ConcatRecords} from '../model/concat-records'

/** A built trace whose records are lean tables, and which of its threads it shows. */
export interface SlimBuilt {
  built: BuiltTrace
  /** Indices in built.decoded.threads of the shown threads, in order. */
  shown: number[]
  /** built.records concatenates the shown threads (all threads), rather than being one. */
  concat: boolean
  tables: LeanRecordTable[]
}

/**
 * The same built trace keeping ~12 bytes per record instead of its indexed columns, reading
 * records back from `reader` (the file, or the body). Undefined when its records were decoded
 * whole (JSON eras: small, and they keep no offsets).
 */
export function slimBuilt(
  built: BuiltTrace,
  reader: ByteSource,
  thread: string | undefined,
): SlimBuilt | undefined {
  const threads = built.decoded.threads
  if (!threads.every(t => t.records instanceof SkimRecordTable || t.records.length === 0)) {
    return undefined
  }
  const source = built.decoded.traceId || 'trace'
  const lean: DecodedThread[] = threads.map(t => ({
    ...t,
    records:
      t.records instanceof SkimRecordTable
        ? t.records.slim(reader)
        : new LeanRecordTable(new Float64Array(0), new Uint32Array(0), reader, source, undefined),
  }))
  const decoded = {...built.decoded, threads: lean}
  const picked = pickThreads(decoded, thread)
  const shown = picked.threads.map(t => lean.indexOf(t))
  const tables = picked.threads.map(t => t.records as LeanRecordTable)
  const concat = !(picked.threads.length === 1 && picked.key !== ALL_THREADS)
  const records: RecordTable = concat ? new ConcatRecords(tables) : tables[0]!
  return {built: {...built, decoded, records}, shown, concat, tables}
}
