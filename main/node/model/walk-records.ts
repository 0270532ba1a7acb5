import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import type {RecordTable} from '../decode/decoded-trace'
import {field, strField} from '../decode/py-objects'
import type {KoloMap} from '../decode/py-objects'
import {matchException} from './exceptions'
import type {ExceptionMatch} from './exceptions'
import {logLeafName, nameOfOpening, exceptionLeafName} from './node-names'
import {Rec} from './record-codes'
import {isLibraryPath, logSeverity, splitPath, statusSeverity} from '../decode/record-fields'
import {Mark, SETUP_KIND} from './tree-nodes'
import type {StringTable, TreeNodes, Warnings} from './tree-nodes'

/** Everything one walk over a thread's records reads and writes. */
export interface WalkContext {
  records: RecordTable
  codes: Uint8Array
  nodes: TreeNodes
  strings: StringTable
  warnings: Warnings
  /** Epoch seconds of time zero. */
  t0: number
  exceptions: ExceptionMatch[]
  /** Largest time seen, ns from t0. */
  lastNs: number
  /** The records are the first part of the trace: spans open at the end are not unfinished. */
  partial?: boolean
  /** Called every PAUSE_RECORDS records (BuildOptions.pause). */
  pause?: () => void
}

/** Records walked between two calls of WalkContext.pause. */
export const PAUSE_RECORDS = 50_000

const kindOfOpening: Record<number, number> = {
  [Rec.openFrame]: NodeKind.frame,
  [Rec.openRequest]: NodeKind.request,
  [Rec.openSql]: NodeKind.sql,
  [Rec.openOutbound]: NodeKind.outbound,
  [Rec.openTest]: NodeKind.test,
  [Rec.openTemplate]: NodeKind.template,
  [Rec.openJob]: NodeKind.job,
  [Rec.openSetup]: SETUP_KIND,
}

const SQL_NAME_MAX = 4096

interface PathInfo {
  fileId: number
  line: number
  library: boolean
}

/**
 * Kolo's walk (§7.2) over records `[from, to)`, with nodes hung under `base`.
 *
 * Opening records push a node, closing records pop the node with the same frame_id (nodes above it
 * are closed as unfinished; a close with no match is skipped), leaves hang under the stack top.
 * Nodes still open at the end stay, flagged unfinished. Never throws on bad input.
 */
export function walkRecords(ctx: WalkContext, from: number, to: number, base: number): void {
  const {records, codes, nodes, strings, warnings} = ctx
  const stackNode: number[] = [base]
  // Frame ids as keys (frame-key.ts); 0: the record has none.
  const stackFrameId: number[] = [0]
  const stackCode: number[] = [-1]
  const pathCache = new Map<string, PathInfo>()
  let lastException = -1
  let lastExceptionMap: KoloMap | undefined
  let nowNs = 0
  // Read for every record: a column read each, not a lookup by name.
  const timestampOf = records.reader('timestamp')
  const pathOf = records.reader('path')
  const coNameOf = records.reader('co_name')

  const pathInfo = (path: string): PathInfo => {
    let info = pathCache.get(path)
    if (!info) {
      const {file, line} = splitPath(path)
      info = {fileId: strings.intern(file), line, library: isLibraryPath(file)}
      pathCache.set(path, info)
    }
    return info
  }

  // The file of the user-code frame that issued record i, if it is on the stack.
  const setCallSite = (node: number, i: number, isFrame: boolean): void => {
    const site = records.siteKey(i)
    if (site === 0) return
    const line = records.siteLine(i)
    nodes.callLine[node] = line
    if (isFrame) return
    nodes.line[node] = line
    for (let k = stackNode.length - 1; k > 0; k--) {
      if (stackFrameId[k] === site) {
        nodes.fileId[node] = nodes.fileId[stackNode[k]!]!
        return
      }
    }
  }

  const pause = ctx.pause
  for (let i = from; i < to; i++) {
    if (pause && (i - from) % PAUSE_RECORDS === PAUSE_RECORDS - 1) pause()
    const code = codes[i]!
    if (code === Rec.skip || code === Rec.dropped) continue
    const ts = timestampOf(i)
    if (typeof ts === 'number') nowNs = Math.max(0, Math.round((ts - ctx.t0) * 1e9))
    const top = stackNode[stackNode.length - 1]!

    if (code === Rec.log || code === Rec.flushed || code === Rec.exception) {
      const kind =
        code === Rec.log
          ? NodeKind.log
          : code === Rec.flushed
            ? NodeKind.flushed
            : NodeKind.exception
      const node = nodes.add(kind, top, i, nowNs)
      nodes.closeRec[node] = i
      setCallSite(node, i, false)
      if (code === Rec.log) {
        nodes.nameId[node] = strings.intern(logLeafName(records, i))
        const severity = logSeverity(records.get(i, 'level'))
        if (severity === 'error') nodes.flags[node]! |= NodeFlag.error
        if (severity === 'warning') nodes.flags[node]! |= NodeFlag.warning
      } else if (code === Rec.flushed) {
        nodes.nameId[node] = strings.intern(nameOfOpening(records, i, NodeKind.flushed))
      } else {
        lastException = i
        lastExceptionMap = records.full(i)
        nodes.nameId[node] = strings.intern(exceptionLeafName(lastExceptionMap))
        nodes.flags[node]! |= NodeFlag.error
        // Opens in the editor where it was raised.
        const bottom = strField(field(lastExceptionMap, 'bottom_exception_frame'), 'path')
        if (bottom !== undefined && nodes.fileId[node]! < 0) {
          const info = pathInfo(bottom)
          nodes.fileId[node] = info.fileId
          nodes.line[node] = info.line
        }
      }
      continue
    }

    if ((code & 1) === 0) {
      // An opening record (opening codes are even, their closing code is the next odd one).
      const kind = kindOfOpening[code]!
      const node = nodes.add(kind, top, i, nowNs)
      const frameId = records.frameKey(i)
      if (kind === NodeKind.frame) {
        const path = pathOf(i)
        if (typeof path === 'string') {
          const info = pathInfo(path)
          nodes.fileId[node] = info.fileId
          nodes.line[node] = info.line
          if (info.library) nodes.flags[node]! |= NodeFlag.library
        }
        if (coNameOf(i) === '<module>') nodes.marks[node]! |= Mark.module
      } else if (kind === NodeKind.outbound) {
        const subtype = records.get(i, 'subtype')
        if (subtype === 'requests') nodes.marks[node]! |= Mark.requests
        if (subtype === 'urllib3') nodes.marks[node]! |= Mark.urllib3
      }
      setCallSite(node, i, kind === NodeKind.frame)
      if (kind !== NodeKind.sql) {
        nodes.nameId[node] = strings.intern(nameOfOpening(records, i, kind))
      } else nodes.nameId[node] = strings.intern('sql_query')
      stackNode.push(node)
      stackFrameId.push(frameId)
      stackCode.push(code)
      continue
    }

    // A closing record: pop to the open node with the same frame_id.
    const frameId = records.frameKey(i)
    let at = -1
    if (frameId !== 0) {
      for (let k = stackNode.length - 1; k > 0; k--) {
        if (stackFrameId[k] === frameId) {
          at = k
          break
        }
      }
    } else if (stackNode.length > 1 && stackCode[stackCode.length - 1] === code - 1) {
      at = stackNode.length - 1
    }
    if (at < 0) {
      warnings.add(`record ${i} (${String(records.get(i, 'type'))}) closes nothing open: skipped`)
      continue
    }
    while (stackNode.length - 1 > at) {
      const open = stackNode.pop()!
      stackFrameId.pop()
      stackCode.pop()
      nodes.flags[open]! |= NodeFlag.unfinished
      nodes.endNs[open] = Math.max(nowNs, nodes.startNs[open]!)
      warnings.add(`record ${i} closes an outer span while record ${nodes.openRec[open]} is open`)
    }
    const node = stackNode.pop()!
    stackFrameId.pop()
    stackCode.pop()
    nodes.closeRec[node] = i
    // Clocks can step back; a span never ends before it starts.
    nodes.endNs[node] = Math.max(nowNs, nodes.startNs[node]!)
    if (code === Rec.closeSql) {
      const query = records.get(i, 'query')
      if (typeof query === 'string') {
        nodes.nameId[node] = strings.intern(
          query.length > SQL_NAME_MAX ? query.slice(0, SQL_NAME_MAX) : query,
        )
      }
    } else if (code === Rec.closeRequest || code === Rec.closeOutbound) {
      const severity = statusSeverity(records.get(i, 'status_code'))
      if (severity === 'error') nodes.flags[node]! |= NodeFlag.error
      if (severity === 'warning') nodes.flags[node]! |= NodeFlag.warning
      if (code === Rec.closeRequest && lastException > nodes.openRec[node]! && lastExceptionMap) {
        ctx.exceptions.push(matchException(records, nodes, node, lastException, lastExceptionMap))
        lastException = -1
        lastExceptionMap = undefined
      }
    }
  }

  if (stackNode.length > 1 && !ctx.partial) {
    warnings.add(`${stackNode.length - 1} spans were still open when the records ended`)
  }
  for (let k = stackNode.length - 1; k > 0; k--) {
    const open = stackNode[k]!
    if (!ctx.partial) nodes.flags[open]! |= NodeFlag.unfinished
    nodes.endNs[open] = Math.max(nowNs, nodes.startNs[open]!)
  }
  ctx.lastNs = Math.max(ctx.lastNs, nowNs)
}
