import type {
  ExceptionDetails,
  ExceptionFrame,
  NodeDetailsBase,
  OtherDetails,
} from '../../../shared/model/node-details'
import {NodeKind} from '../../../shared/model/node-kind'
import type {PyValue} from '../../../shared/values/py-value'
import {field, strField} from '../decode/py-objects'
import type {KoloMap} from '../decode/py-objects'
import {toPyValue} from '../decode/to-py-value'
import type {BuiltTrace} from './build-trace'
import {splitPath} from '../decode/record-fields'

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []

/** Details of an `exception` leaf, its frames resolved to the spans they were matched to. */
export function exceptionDetails(
  built: BuiltTrace,
  base: NodeDetailsBase,
  open: KoloMap | undefined,
  openIndex: number,
): ExceptionDetails {
  const match = built.exceptions.find(e => e.record === openIndex)
  const entries = field(open, 'exception_frames')
  const list = Array.isArray(entries) ? (entries as unknown[]) : []
  const frames: ExceptionFrame[] = list.map((entry, k) => {
    const {file, line} = splitPath(strField(entry, 'path') ?? '')
    const frame: ExceptionFrame = {path: file, line, coName: strField(entry, 'co_name') ?? ''}
    const locals = field(entry, 'locals')
    if (locals !== undefined) frame.locals = toPyValue(locals)
    const row = match ? match.frames[k]! : -1
    if (row >= 0) frame.nodeId = row
    const fileId = built.model.strings.indexOf(file)
    if (fileId >= 0 && file !== '') frame.fileId = fileId
    return frame
  })
  return {
    ...base,
    kind: 'exception',
    summary: strings(field(open, 'exception_summary')),
    traceback: strings(field(open, 'exception_with_traceback')),
    frames,
    originNodeId: match && match.origin >= 0 ? match.origin : undefined,
  }
}

const commonKeys = new Set(['type', 'frame_id', 'timestamp', 'user_code_call_site'])

/** Details of a flushed subtree (its fields) or a thread root (the thread's facts). */
export function otherDetails(
  built: BuiltTrace,
  base: NodeDetailsBase,
  open: KoloMap | undefined,
): OtherDetails {
  const {model} = built
  if (model.kind[base.nodeId] === NodeKind.thread) {
    let k = 0
    for (let r = 0; r < base.nodeId; r++) if (model.kind[r] === NodeKind.thread) k++
    const thread = built.decoded.threads[k]
    const fields: [string, PyValue][] = thread
      ? [
          ['key', {t: 'str', v: thread.key}],
          ['name', {t: 'str', v: thread.name}],
          ['records', {t: 'int', v: String(thread.records.length)}],
        ]
      : []
    return {...base, kind: 'thread', fields}
  }
  const fields: [string, PyValue][] = []
  for (const [key, value] of open ?? []) {
    if (typeof key === 'string' && !commonKeys.has(key)) fields.push([key, toPyValue(value)])
  }
  return {...base, kind: 'flushed', fields}
}
