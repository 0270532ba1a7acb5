import fs from 'node:fs'
import {decodeModel, encodeModel} from '../../../shared/api/model-codec'
import type {FramedModel} from '../../../shared/api/model-codec'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {ByteSource, FileIdentity} from '../decode/byte-source'
import {FileSource} from '../decode/byte-source'
import type {DecodedThread, DecodedTrace, RecordTable} from '../decode/decoded-trace'
import {LeanRecordTable} from '../decode/lean-table'
import type {BuiltException, BuiltTrace} from '../model/build-trace'
import {ConcatRecords} from '../model/concat-records'
import {prefixModel} from '../model/prefix-model'
import {BODY_BLOCK, CachedBodySource, blockCrcSteps} from './cached-body'
import {CountOnlyTable} from './count-table'
import {DamagedFile} from './sectioned-file'
import type {SectionedFile} from './sectioned-file'
import {decodeValues, encodeValues} from './value-section'

/** Rows of the first-screen model an entry of a bigger trace keeps apart (a few screens). */
const PREVIEW_ROWS = 4096

/** Where a cached trace reads its records from. */
export type CachedBody =
  {kind: 'file'; file: string; identity: FileIdentity} | {kind: 'copy'; bytes: Uint8Array}

/** What a model cache entry is made from: a built trace whose shown records are lean tables. */
export interface EntryInput {
  built: BuiltTrace
  /** Indices in built.decoded.threads of the threads built.records is made of, in order. */
  shown: number[]
  /** Whether built.records concatenates them (all threads) rather than being the one table. */
  concat: boolean
  /** The shown threads' tables. */
  tables: LeanRecordTable[]
  body: CachedBody
  /** Names the body in error messages. */
  source: string
  /** built.model, framed already (written as it is, not framed again). */
  framed?: FramedModel
}

/** The entry's JSON part. */
export interface EntryMeta {
  key: unknown
  decoded: Omit<DecodedTrace, 'threads'>
  threads: {key: string; name: string; records: number}[]
  shown: number[]
  concat: boolean
  exceptions: (Omit<BuiltException, 'frames'> & {frames: number[]})[]
  source: string
  body: {kind: 'file'; file: string; identity: FileIdentity} | {kind: 'copy'; length: number}
}

const bytesOf = (a: ArrayBufferView): Uint8Array =>
  new Uint8Array(a.buffer, a.byteOffset, a.byteLength)

function concatFloat64(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function concatUint32(parts: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** The sections and meta of an entry (a generator: checksumming a body copy takes steps). */
export function* entrySections(
  key: unknown,
  input: EntryInput,
): Generator<void, {meta: EntryMeta; sections: [string, Uint8Array][]}> {
  const {built, tables, body} = input
  const {threads, ...decoded} = built.decoded
  const meta: EntryMeta = {
    key,
    decoded,
    threads: threads.map(t => ({key: t.key, name: t.name, records: t.records.length})),
    shown: input.shown,
    concat: input.concat,
    exceptions: built.exceptions.map(e => ({...e, frames: Array.from(e.frames)})),
    source: input.source,
    body:
      body.kind === 'file'
        ? {kind: 'file', file: body.file, identity: body.identity}
        : {kind: 'copy', length: body.bytes.length},
  }
  const sections: [string, Uint8Array][] = []
  if (built.model.nodeCount > PREVIEW_ROWS) {
    // First, so a reopen hands out the first rows before it reads the rest.
    const recordsRead = built.openRecord[PREVIEW_ROWS - 1]! + 1
    const preview = prefixModel(built.model, PREVIEW_ROWS, recordsRead)
    sections.push(['preview', new Uint8Array(encodeModel(preview))])
  }
  sections.push(
    ['model', new Uint8Array(input.framed ?? encodeModel(built.model))],
    ['openRecord', bytesOf(built.openRecord)],
    ['closeRecord', bytesOf(built.closeRecord)],
    ['frameHash', bytesOf(built.frameHash)],
    ['offsets', bytesOf(concatFloat64(tables.map(t => t.offsets)))],
    ['lengths', bytesOf(concatUint32(tables.map(t => t.lengths)))],
    ['values', encodeValues(tables[0]?.values)],
  )
  if (body.kind === 'copy') {
    sections.push(['bodyCrc', bytesOf(yield* blockCrcSteps(body.bytes))], ['body', body.bytes])
  }
  return {meta, sections}
}

/** A trace read back from an entry: the built trace and what it holds open. */
export interface CachedTrace {
  built: BuiltTrace
  reader: ByteSource
}

/** The model of an entry, framed in shared memory (a worker hands it out without a copy). */
export function readModel(file: SectionedFile): {framed: SharedArrayBuffer; model: TraceModel} {
  const framed = file.readShared('model')
  try {
    return {framed, model: decodeModel(framed)}
  } catch (error) {
    throw new DamagedFile(file.file, `its model does not read (${(error as Error).message})`)
  }
}

/**
 * The rest of an entry (its rows' records and where they are), a section a step, as the built
 * trace around `model`. Throws DamagedFile for sections that do not check out, and SourceChanged
 * when the file its records live in is no longer the one it was built from.
 */
export function* readRest(
  file: SectionedFile,
  meta: EntryMeta,
  model: TraceModel,
): Generator<void, CachedTrace> {
  const openRecord = new Int32Array(file.read('openRecord'))
  const closeRecord = new Int32Array(file.read('closeRecord'))
  const frameHash = new Uint32Array(file.read('frameHash'))
  yield
  const offsets = new Float64Array(file.read('offsets'))
  yield
  const lengths = new Uint32Array(file.read('lengths'))
  const values = decodeValues(new Uint8Array(file.read('values')), file.file)
  const n = model.nodeCount
  if ([openRecord, closeRecord, frameHash].some(a => a.length !== n)) {
    throw new DamagedFile(file.file, 'its rows do not match its model')
  }
  const counts = meta.shown.map(k => meta.threads[k]?.records ?? -1)
  if (offsets.length !== lengths.length || counts.reduce((a, b) => a + b, 0) !== offsets.length) {
    throw new DamagedFile(file.file, 'its records do not match its threads')
  }
  const reader = bodyReader(file, meta)
  const tables: LeanRecordTable[] = []
  let at = 0
  for (const count of counts) {
    tables.push(
      new LeanRecordTable(
        offsets.subarray(at, at + count),
        lengths.subarray(at, at + count),
        reader,
        meta.source,
        values,
      ),
    )
    at += count
  }
  const threads: DecodedThread[] = meta.threads.map((t, k) => {
    const shownAt = meta.shown.indexOf(k)
    const records: RecordTable =
      shownAt >= 0 ? tables[shownAt]! : new CountOnlyTable(t.records, t.key)
    return {key: t.key, name: t.name, records}
  })
  const records: RecordTable = meta.concat ? new ConcatRecords(tables) : tables[0]!
  const built: BuiltTrace = {
    decoded: {...meta.decoded, threads},
    model,
    records,
    openRecord,
    closeRecord,
    frameHash,
    exceptions: meta.exceptions.map(e => ({...e, frames: Int32Array.from(e.frames)})),
  }
  return {built, reader}
}

function bodyReader(file: SectionedFile, meta: EntryMeta): ByteSource {
  const body = meta.body
  if (body.kind === 'file') return new FileSource(body.file, body.identity)
  const info = file.info('body')
  if (info.length !== body.length) throw new DamagedFile(file.file, 'the body copy is cut short')
  const crcs = new Uint32Array(file.read('bodyCrc'))
  if (crcs.length !== Math.ceil(body.length / BODY_BLOCK)) {
    throw new DamagedFile(file.file, 'the body checks do not fit the body')
  }
  // Its own descriptor: the entry's closes once read, the body is read for as long as the
  // trace is kept.
  return new CachedBodySource(file.file, reopen(file.file), info.offset, info.length, crcs)
}

function reopen(file: string): number {
  try {
    return fs.openSync(file, 'r')
  } catch (error) {
    throw new DamagedFile(file, `cannot be opened again (${(error as Error).message})`)
  }
}
