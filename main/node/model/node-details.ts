import {ApiError} from '../../../shared/api/errors'
import type {
  CallSite,
  FrameDetails,
  NodeDetails,
  NodeDetailsBase,
} from '../../../shared/model/node-details'
import {NodeFlag, NodeKind, nodeKindNames} from '../../../shared/model/node-kind'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import type {PyValue} from '../../../shared/values/py-value'
import {field, numField, strField} from '../decode/py-objects'
import type {KoloMap} from '../decode/py-objects'
import {toPyValue} from '../decode/to-py-value'
import type {BuiltTrace} from './build-trace'
import {exceptionDetails, otherDetails} from './other-details'
import {frameKeyLow, frameKeyOf} from '../decode/frame-key'
import {splitPath} from '../decode/record-fields'

const emptyDict: PyValue = {t: 'dict', entries: []}

/** A field as a PyValue, or undefined when the record has no such key. */
export function pyField(map: KoloMap | undefined, key: string): PyValue | undefined {
  if (!map?.has(key)) return undefined
  return toPyValue(map.get(key))
}

/** A field as a PyValue that must be there (an empty dict when absent). */
const pyDict = (map: KoloMap | undefined, key: string): PyValue => pyField(map, key) ?? emptyDict

/**
 * The details of row `nodeId` of a built trace, decoded from its records on demand.
 *
 * Throws ApiError('not-found') for a row that does not exist.
 */
export function nodeDetails(built: BuiltTrace, nodeId: number): NodeDetails {
  const {model, records} = built
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId >= model.nodeCount) {
    throw new ApiError('not-found', `Trace ${model.traceId} has no node ${nodeId}`)
  }
  const openIndex = built.openRecord[nodeId]!
  const closeIndex = built.closeRecord[nodeId]!
  // For display: a Python 2.0 stays a float (shown `2.0`), not the JS number 2.
  const open = openIndex >= 0 ? records.full(openIndex, true) : undefined
  const close =
    closeIndex < 0 ? undefined : closeIndex === openIndex ? open : records.full(closeIndex, true)
  const base = baseDetails(built, nodeId, open, openIndex)
  switch (model.kind[nodeId]) {
    case NodeKind.frame:
      return frameDetails(built, base, open, close)
    case NodeKind.request:
      return {
        ...base,
        kind: 'request',
        method: strField(open, 'method') ?? '',
        path: strField(open, 'path_info') ?? '',
        scheme: strField(open, 'scheme'),
        headers: pyDict(open, 'headers'),
        body: pyField(open, 'body'),
        queryParams: pyField(open, 'query_params'),
        postData: pyField(open, 'post_data'),
        response: close && {
          status: numField(close, 'status_code'),
          headers: pyDict(close, 'headers'),
          content: pyField(close, 'content'),
          durationMs: numField(close, 'ms_duration'),
          urlPattern: pyField(close, 'url_pattern'),
        },
      }
    case NodeKind.sql:
      return {
        ...base,
        kind: 'sql',
        query: strField(close, 'query') ?? '',
        template: strField(close, 'query_template'),
        database: strField(close, 'database') ?? strField(open, 'database'),
        params: pyField(close, 'query_params'),
        data: pyField(close, 'query_data'),
      }
    case NodeKind.outbound:
      return {
        ...base,
        kind: 'outbound',
        library: strField(open, 'subtype'),
        method: strField(open, 'method') ?? '',
        url: strField(open, 'url') ?? '',
        headers: pyDict(open, 'headers'),
        body: pyField(open, 'body'),
        response: close && {
          status: numField(close, 'status_code'),
          headers: pyDict(close, 'headers'),
          body: pyField(close, 'body'),
        },
      }
    case NodeKind.template:
      return {
        ...base,
        kind: 'template',
        template: strField(open, 'template'),
        context: pyField(open, 'context'),
        returnContext: pyField(close, 'context'),
      }
    case NodeKind.log: {
      const level = field(open, 'level')
      return {
        ...base,
        kind: 'log',
        logger: strField(open, 'name') ?? '',
        level: typeof level === 'string' ? level : typeof level === 'number' ? String(level) : '',
        msg: pyField(open, 'msg') ?? {t: 'none'},
        args: pyField(open, 'args'),
        extra: pyField(open, 'extra'),
        stack: pyField(open, 'stack'),
        traceback: pyField(open, 'traceback'),
      }
    }
    case NodeKind.exception:
      return exceptionDetails(built, base, open, openIndex)
    case NodeKind.test:
      return {
        ...base,
        kind: 'test',
        testName: strField(open, 'test_name') ?? '',
        testClass: strField(open, 'test_class'),
      }
    case NodeKind.job:
      return {
        ...base,
        kind: 'job',
        library: strField(open, 'subtype'),
        jobName: strField(open, 'name') ?? '',
        args: pyField(open, 'args'),
        kwargs: pyField(open, 'kwargs'),
      }
    default:
      return otherDetails(built, base, open)
  }
}

function baseDetails(
  built: BuiltTrace,
  nodeId: number,
  open: KoloMap | undefined,
  openIndex: number,
): NodeDetailsBase {
  const {model} = built
  const fileId = model.fileId[nodeId]!
  const line = model.line[nodeId]!
  const base: NodeDetailsBase = {
    nodeId,
    kind: nodeKindNames[model.kind[nodeId]!] ?? 'frame',
    name: nameOf(model, nodeId),
    frameId: strField(open, 'frame_id'),
    file: fileOf(model, nodeId),
    fileId: fileId >= 0 ? fileId : undefined,
    line: line > 0 ? line : undefined,
    callSite: openIndex >= 0 ? callSiteOf(built, nodeId, openIndex) : undefined,
    startNs: model.startNs[nodeId]!,
    endNs: model.endNs[nodeId]!,
  }
  if (model.flags[nodeId]! & NodeFlag.unfinished) base.unfinished = true
  return base
}

function frameDetails(
  built: BuiltTrace,
  base: NodeDetailsBase,
  open: KoloMap | undefined,
  close: KoloMap | undefined,
): FrameDetails {
  const args = pyField(open, 'locals')
  const locals = pyField(close, 'locals')
  const closeEvent = strField(close, 'event')
  const unwound = closeEvent === 'unwind' || strField(open, 'event') === 'throw'
  const closePath = strField(close, 'path')
  const returnLine = closePath === undefined ? undefined : splitPath(closePath).line
  const exception = built.exceptions.find(e => e.frames.includes(base.nodeId))
  return {
    ...base,
    kind: 'frame',
    qualname: strField(open, 'qualname'),
    coName: strField(open, 'co_name') ?? strField(close, 'co_name') ?? '',
    args,
    locals: locals && args ? withoutUnchanged(locals, args) : locals,
    returnValue: close && !unwound && close.has('arg') ? toPyValue(close.get('arg')) : undefined,
    returnLine: returnLine || undefined,
    exceptionMessage: exception?.message,
    raised: unwound ? (pyField(close, 'exception') ?? pyField(open, 'exception')) : undefined,
  }
}

/** Return-time locals minus the arguments that still hold the value they were called with. */
export function withoutUnchanged(locals: PyValue, args: PyValue): PyValue {
  if (locals.t !== 'dict' || args.t !== 'dict') return locals
  const before = new Map<string, string>()
  for (const [k, v] of args.entries) before.set(JSON.stringify(k), JSON.stringify(v))
  const entries = locals.entries.filter(
    ([k, v]) => before.get(JSON.stringify(k)) !== JSON.stringify(v),
  )
  return {...locals, entries}
}

/** Kolo's user_code_call_site of a node's opening record, resolved to a frame row when present. */
export function callSiteOf(
  built: BuiltTrace,
  nodeId: number,
  openIndex: number,
): CallSite | undefined {
  const site = built.records.callSite(openIndex)
  if (!site) return undefined
  const row = findFrameRow(built, nodeId, site.frameId)
  const callSite: CallSite = {frameId: site.frameId, line: site.line}
  if (row >= 0) {
    callSite.nodeId = row
    callSite.file = fileOf(built.model, row)
    const fileId = built.model.fileId[row]!
    if (fileId >= 0) callSite.fileId = fileId
  }
  return callSite
}

/**
 * The frame row with Kolo's `frameId`: an ancestor of `from` first, else the first such row.
 *
 * Rows carry their frame id's hash (frameHash); a candidate is confirmed on its record.
 */
export function findFrameRow(built: BuiltTrace, from: number, frameId: string): number {
  const {model, frameHash} = built
  const hash = frameKeyLow(frameKeyOf(frameId))
  const isIt = (row: number): boolean =>
    model.kind[row] === NodeKind.frame &&
    frameHash[row] === hash &&
    built.records.get(built.openRecord[row]!, 'frame_id') === frameId
  for (let p = model.parent[from] ?? -1; p >= 0; p = model.parent[p]!) {
    if (isIt(p)) return p
  }
  for (let row = frameHash.indexOf(hash); row >= 0; row = frameHash.indexOf(hash, row + 1)) {
    if (isIt(row)) return row
  }
  return -1
}
