import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import type {RecordTable} from '../decode/decoded-trace'
import {field, strField} from '../decode/py-objects'
import type {KoloMap} from '../decode/py-objects'
import {exceptionMessage} from '../decode/record-fields'
import type {TreeNodes} from './tree-nodes'

/** A request's uncaught exception and the frame spans it was matched to (§7.3). */
export interface ExceptionMatch {
  /** Record index of the `exception` record. */
  record: number
  /** The request node it belongs to (build numbering until emitted). */
  request: number
  /** Per entry of `exception_frames` (outermost first), the matched frame node or -1. */
  frames: Int32Array
  /** The span where it was raised (the bottom match), or -1. */
  origin: number
  /** Last entry of `exception_summary`. */
  message: string
}

/**
 * Kolo's five_hundred_exception matching: walk `exception_frames` outermost first, each time
 * searching the current child list for a frame span whose return record has the same `path`
 * (line included) and `co_name`; descend into each match. Non-bottom matches are on the exception
 * path, the bottom match is where it was raised. Frames not found (untraced library code) are
 * skipped and the search stays at the same level.
 */
export function matchException(
  records: RecordTable,
  nodes: TreeNodes,
  request: number,
  record: number,
  exception: KoloMap,
): ExceptionMatch {
  const entries = field(exception, 'exception_frames')
  const list = Array.isArray(entries) ? (entries as unknown[]) : []
  const frames = new Int32Array(list.length).fill(-1)
  const match: ExceptionMatch = {
    record,
    request,
    frames,
    origin: -1,
    message: exceptionMessage(field(exception, 'exception_summary')) ?? 'exception',
  }
  let parent = request
  for (let k = 0; k < list.length; k++) {
    const path = strField(list[k], 'path')
    const coName = strField(list[k], 'co_name')
    if (path === undefined) continue
    const found = findReturnedChild(records, nodes, parent, path, coName)
    if (found < 0) continue
    frames[k] = found
    nodes.flags[found]! |= NodeFlag.exceptionPath
    if (k === list.length - 1) {
      nodes.flags[found]! |= NodeFlag.exceptionOrigin
      match.origin = found
    }
    parent = found
  }
  return match
}

function findReturnedChild(
  records: RecordTable,
  nodes: TreeNodes,
  parent: number,
  path: string,
  coName: string | undefined,
): number {
  for (let c = nodes.firstChild[parent]!; c >= 0; c = nodes.nextSibling[c]!) {
    if (nodes.kind[c] !== NodeKind.frame) continue
    const close = nodes.closeRec[c]!
    if (close < 0) continue
    if (records.get(close, 'path') !== path) continue
    if (coName !== undefined && records.get(close, 'co_name') !== coName) continue
    return c
  }
  return -1
}
