import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceMeta, TraceModel} from '../../../shared/model/trace-model'
import type {DecodedThread, DecodedTrace, RecordTable} from '../decode/decoded-trace'
import {frameKeyLow} from '../decode/frame-key'
import {ALL_THREADS, pickThreads, threadInfos} from '../decode/pick-threads'
import {ConcatRecords} from './concat-records'
import {emitTree, mergeRoots} from './emit-model'
import type {EmittedTree} from './emit-model'
import type {ExceptionMatch} from './exceptions'
import {classify, Rec} from './record-codes'
import {testDisplayName} from '../decode/record-fields'
import {unnamedTraceName} from '../decode/trace-name'
import {Mark, StringTable, TreeNodes, Warnings} from './tree-nodes'
import {walkRecords} from './walk-records'
import type {WalkContext} from './walk-records'

/** Options of buildTraceModel. */
export interface BuildOptions {
  /** A thread key from `meta.threads`, or '*' for all threads; default: Kolo's main thread (§6). */
  thread?: string
  /**
   * The records are the first part of the trace (a preview while the rest is read): spans still
   * open are not flagged unfinished, and meta.partial says how far the records go.
   */
  partial?: {recordsTotal?: number}
  /**
   * Called between steps of the build (every 50,000 records, and between its phases): where
   * background work (the project index) gives way to a trace being opened.
   */
  pause?: () => void
}

/** A request's exception after emitting: rows of the model. */
export interface BuiltException {
  record: number
  /** The exception leaf node, the request, and the frame where it was raised (-1: not found). */
  node: number
  request: number
  origin: number
  /** Per entry of exception_frames, the matched frame row or -1. */
  frames: Int32Array
  message: string
}

/** A built trace: the model plus what the details need (records, per-row record indices). */
export interface BuiltTrace {
  decoded: DecodedTrace
  model: TraceModel
  /** The records of the shown thread(s); record indices below index this table. */
  records: RecordTable
  /** Per row, the index of its opening / closing record, -1 if none. */
  openRecord: Int32Array
  closeRecord: Int32Array
  /** Per frame row, the low 32 bits of its frame_id's key (frame-key.ts), to find it by id. */
  frameHash: Uint32Array
  exceptions: BuiltException[]
}

/**
 * Build the tree of one trace by Kolo's algorithm (kolo-format.md §7), tolerantly (§7.6).
 *
 * Throws ApiError('not-found') only for an unknown `options.thread`; bad records never fail a trace.
 */
export function buildTraceModel(decoded: DecodedTrace, options: BuildOptions = {}): BuiltTrace {
  const {threads, key} = pickThreads(decoded, options.thread)
  const all = key === ALL_THREADS
  const records: RecordTable =
    threads.length === 1 && !all
      ? threads[0]!.records
      : new ConcatRecords(threads.map(t => t.records))
  const codes = new Uint8Array(records.length)
  const unknownTypes = new Map<string, number>()
  const nodes = new TreeNodes((records.length >> 1) + threads.length + 16)
  const strings = new StringTable()
  strings.intern('')
  const warnings = new Warnings()
  nodes.add(0, -1, -1, 0) // the super-root, row 0
  const ctx: WalkContext = {
    records,
    codes,
    nodes,
    strings,
    warnings,
    t0: firstTimestamp(threads) ?? decoded.timestamp,
    exceptions: [],
    lastNs: 0,
    partial: options.partial !== undefined,
    pause: options.pause,
  }
  let offset = 0
  for (const thread of threads) {
    const end = offset + thread.records.length
    classify(records, offset, end, codes, unknownTypes)
    let base = 0
    if (all) {
      base = nodes.add(NodeKind.thread, 0, -1, 0)
      nodes.marks[base]! |= Mark.threadRoot
      nodes.nameId[base] = strings.intern(thread.name || `thread ${thread.key}`)
    }
    options.pause?.()
    walkRecords(ctx, offset, end, base)
    if (all) fitThreadRoot(nodes, base)
    mergeRoots(nodes, records, base)
    offset = end
  }
  for (const [type, count] of unknownTypes) {
    warnings.add(`skipped ${count} record${count === 1 ? '' : 's'} of unknown type "${type}"`)
  }
  options.pause?.()
  const tree = emitTree(nodes, row => row === 0 || (nodes.marks[row]! & Mark.threadRoot) !== 0)
  options.pause?.()
  const exceptions = ctx.exceptions.map(e => emitException(e, tree))
  const meta: TraceMeta = {
    traceId: decoded.traceId,
    name: traceName(decoded, records, codes),
    startedAtMs: ctx.t0 * 1000,
    durationNs: ctx.lastNs,
    recordCount: records.length,
    koloVersion: decoded.koloVersion,
    format: decoded.format,
    source: decoded.source,
    commandLine: decoded.commandLine,
    commitSha: decoded.commitSha,
    threads: threadInfos(decoded),
    threadKey: key,
    recovered: decoded.recovered,
    warnings: warnings.toArray(),
  }
  if (options.partial) {
    meta.partial = {recordsRead: records.length, recordsTotal: options.partial.recordsTotal}
  }
  const model: TraceModel = {
    traceId: decoded.traceId,
    nodeCount: tree.nodeCount,
    kind: tree.kind,
    flags: tree.flags,
    depth: tree.depth,
    parent: tree.parent,
    size: tree.size,
    startNs: tree.startNs,
    endNs: tree.endNs,
    nameId: tree.nameId,
    fileId: tree.fileId,
    line: tree.line,
    callLine: tree.callLine,
    strings: strings.strings,
    meta,
  }
  const {openRecord, closeRecord} = tree
  options.pause?.()
  const frameHash = frameHashes(model, records, openRecord)
  return {decoded, model, records, openRecord, closeRecord, frameHash, exceptions}
}

function frameHashes(model: TraceModel, records: RecordTable, openRecord: Int32Array): Uint32Array {
  const hashes = new Uint32Array(model.nodeCount)
  for (let r = 0; r < model.nodeCount; r++) {
    const open = openRecord[r]!
    if (model.kind[r] === NodeKind.frame && open >= 0) {
      hashes[r] = frameKeyLow(records.frameKey(open))
    }
  }
  return hashes
}

function firstTimestamp(threads: DecodedThread[]): number | undefined {
  let best: number | undefined
  for (const t of threads) {
    const n = Math.min(t.records.length, 64)
    for (let i = 0; i < n; i++) {
      const ts = t.records.get(i, 'timestamp')
      if (typeof ts === 'number') {
        if (best === undefined || ts < best) best = ts
        break
      }
    }
  }
  return best
}

// A thread root spans its children.
function fitThreadRoot(nodes: TreeNodes, base: number): void {
  let start = Infinity
  let end = 0
  for (let c = nodes.firstChild[base]!; c >= 0; c = nodes.nextSibling[c]!) {
    start = Math.min(start, nodes.startNs[c]!)
    end = Math.max(end, nodes.endNs[c]!)
  }
  const first = start === Infinity ? 0 : start
  nodes.startNs[base] = first
  nodes.endNs[base] = Math.max(end, first)
}

function emitException(e: ExceptionMatch, tree: EmittedTree): BuiltException {
  const map = (row: number): number => (row >= 0 ? tree.newId(row) : -1)
  // The exception leaf is the row whose opening record is the exception record.
  let node = -1
  for (let r = 0; r < tree.nodeCount; r++) {
    if (tree.openRecord[r] === e.record && tree.kind[r] === NodeKind.exception) {
      node = r
      break
    }
  }
  return {
    record: e.record,
    node,
    request: map(e.request),
    origin: map(e.origin),
    frames: e.frames.map(map),
    message: e.message,
  }
}

/**
 * The trace's name as Kolo shows it: the start_test record for test traces (trace_name can repeat
 * an earlier test's), else trace_name, else "STATUS METHOD path" of the first request, else the
 * command line (`fib.py 25`) or the root call.
 */
export function traceName(decoded: DecodedTrace, records: RecordTable, codes: Uint8Array): string {
  let request = -1
  let response = -1
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]
    if (code === Rec.openTest) {
      const name = testDisplayName(records.get(i, 'test_name'), records.get(i, 'test_class'))
      if (name) return name
    } else if (code === Rec.openRequest && request < 0) request = i
    else if (code === Rec.closeRequest && response < 0) response = i
  }
  if (decoded.traceName) return decoded.traceName
  if (request >= 0) {
    const status = response >= 0 ? records.get(response, 'status_code') : undefined
    const parts = [status, records.get(request, 'method'), records.get(request, 'path_info')]
    return parts.filter(p => p !== undefined && p !== null).join(' ')
  }
  return unnamedTraceName(decoded, records) ?? decoded.traceId
}
