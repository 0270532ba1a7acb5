import {functionStats} from '../../../shared/algorithms/function-stats'
import {buildFunctionTable} from '../../../shared/algorithms/function-table'
import {NodeKind} from '../../../shared/model/node-kind'
import type {BuiltTrace} from '../model/build-trace'
import {splitPath} from '../decode/record-fields'
import type {IndexCaps} from './index-caps'
import {callPreview} from './value-preview'

/** A function of a trace: its calls and time there. */
export interface FunctionFact {
  qualname: string
  /** The file as recorded ('' when unknown), the `def` line and the last line it returned from. */
  file: string
  line: number
  endLine: number
  library: boolean
  calls: number
  selfNs: number
  totalNs: number
}

/** One kept call: where it is, when, how long, and previews of its values. */
export interface CallFact {
  /** Index into the trace's `functions`. */
  fn: number
  node: number
  frameId?: string
  startMs: number
  durationNs: number
  args?: string
  returnValue?: string
  exception?: string
}

/**
 * The functions of a trace (frames grouped by name and file, as the sandwich table does), a
 * bounded sample of their calls with previews, and the file:line pairs that ran.
 *
 * Only the sampled calls' records are decoded, so the cost is per kept call, not per call.
 */
export function callFacts(
  built: BuiltTrace,
  caps: IndexCaps,
): {functions: FunctionFact[]; calls: CallFact[]; lines: {file: string; line: number}[]} {
  const {model, records} = built
  const table = buildFunctionTable(model)
  const stats = functionStats(model, table)
  // Frame functions, by total time when there are more than the cap.
  let frameFns: number[] = []
  for (let fn = 0; fn < table.count; fn++) if (table.kind[fn] === NodeKind.frame) frameFns.push(fn)
  if (frameFns.length > caps.functionsPerTrace) {
    frameFns.sort((a, b) => stats.totalNs[b]! - stats.totalNs[a]!)
    frameFns = frameFns.slice(0, caps.functionsPerTrace)
  }
  const factOf = new Int32Array(table.count).fill(-1)
  const functions: FunctionFact[] = frameFns.map((fn, i) => {
    factOf[fn] = i
    const fileId = table.fileId[fn]!
    return {
      qualname: table.name[fn]!,
      file: fileId >= 0 ? (model.strings[fileId] ?? '') : '',
      line: table.line[fn]!,
      endLine: table.line[fn]!,
      library: table.library[fn] === 1,
      calls: stats.calls[fn]!,
      selfNs: stats.selfNs[fn]!,
      totalNs: stats.totalNs[fn]!,
    }
  })
  const keep = keptPerFunction(
    functions.map(f => f.calls),
    caps,
  )
  const raised = raisedMessages(built)
  const seen = new Uint32Array(functions.length)
  const calls: CallFact[] = []
  const t0 = model.meta.startedAtMs
  for (let row = 0; row < model.nodeCount; row++) {
    if (model.kind[row] !== NodeKind.frame) continue
    const f = factOf[table.fnOf[row]!]!
    if (f < 0) continue
    // Keep the last `keep[f]` calls: those whose ordinal is past calls - keep.
    const ordinal = seen[f]!++
    if (ordinal < functions[f]!.calls - keep[f]!) continue
    const open = built.openRecord[row]!
    const close = built.closeRecord[row]!
    const call: CallFact = {
      fn: f,
      node: row,
      startMs: t0 + model.startNs[row]! / 1e6,
      durationNs: model.endNs[row]! - model.startNs[row]!,
      ...callPreview(records, open, close, raised.get(row)),
    }
    const frameId = open >= 0 ? records.get(open, 'frame_id') : undefined
    if (typeof frameId === 'string') call.frameId = frameId
    calls.push(call)
  }
  const lines = ranLines(built, caps.linesPerTrace, (row, line) => {
    const f = factOf[table.fnOf[row]!]!
    if (f >= 0 && line > functions[f]!.endLine) functions[f]!.endLine = line
  })
  return {functions, calls, lines}
}

/**
 * Calls kept per function: `callsPerFunction` each, lowered evenly (the largest cap that fits)
 * when the trace would keep more than `callsPerTrace`; with more functions than that, one call
 * each for as many as fit, in order.
 */
export function keptPerFunction(callCounts: readonly number[], caps: IndexCaps): Uint32Array {
  const keptWith = (cap: number) => callCounts.reduce((n, c) => n + Math.min(c, cap), 0)
  let cap = caps.callsPerFunction
  if (keptWith(cap) > caps.callsPerTrace) {
    let lo = 1
    let hi = cap
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (keptWith(mid) <= caps.callsPerTrace) lo = mid
      else hi = mid - 1
    }
    cap = lo
  }
  const kept = new Uint32Array(callCounts.length)
  let room = caps.callsPerTrace
  callCounts.forEach((c, i) => {
    const k = Math.min(c, cap, Math.max(0, room))
    kept[i] = k
    room -= k
  })
  return kept
}

/** Frames on the path of a request's uncaught exception: the exception's message. */
function raisedMessages(built: BuiltTrace): Map<number, string> {
  const out = new Map<number, string>()
  for (const e of built.exceptions) {
    for (const row of e.frames) if (row >= 0) out.set(row, e.message)
    if (e.origin >= 0) out.set(e.origin, e.message)
  }
  return out
}

/**
 * The file:line pairs that ran: each frame's `def` line and return line, the line in a frame
 * that called each child, and where each query, request or template was issued. Each frame's
 * return line also goes to `onReturn`.
 */
function ranLines(
  built: BuiltTrace,
  cap: number,
  onReturn: (row: number, line: number) => void,
): {file: string; line: number}[] {
  const {model, records} = built
  const seen = new Map<number, Set<number>>()
  let count = 0
  const add = (fileId: number, line: number) => {
    if (fileId < 0 || line <= 0 || count >= cap) return
    let lines = seen.get(fileId)
    if (!lines) seen.set(fileId, (lines = new Set()))
    if (!lines.has(line)) {
      lines.add(line)
      count++
    }
  }
  for (let row = 0; row < model.nodeCount; row++) {
    const fileId = model.fileId[row]!
    add(fileId, model.line[row]!)
    const parent = model.parent[row]!
    if (parent >= 0 && model.kind[parent] === NodeKind.frame) {
      add(model.fileId[parent]!, model.callLine[row]!)
    }
    const close = built.closeRecord[row]!
    if (model.kind[row] === NodeKind.frame && close >= 0) {
      const path = records.get(close, 'path')
      if (typeof path === 'string') {
        const line = splitPath(path).line
        add(fileId, line)
        onReturn(row, line)
      }
    }
  }
  const out: {file: string; line: number}[] = []
  for (const [fileId, lines] of seen) {
    const file = model.strings[fileId]
    if (file === undefined) continue
    for (const line of lines) out.push({file, line})
  }
  return out
}
