import {formatPy} from '../../../shared/values/py-format'
import type {PyValue} from '../../../shared/values/py-value'
import type {RecordTable} from '../decode/decoded-trace'
import {field, strField} from '../decode/py-objects'
import {toPyValue} from '../decode/to-py-value'
import type {PyValueLimits} from '../decode/to-py-value'

/** The longest preview kept of one value (arguments, a return value, an exception). */
export const previewChars = 200

// Enough of a value to print ~200 characters; a 10 MB local costs no more than a short one
// once decoded (the record itself is still decoded whole: RecordTable has no partial read).
const limits: PyValueLimits = {maxDepth: 4, maxItems: 16, maxStr: 240, maxNodes: 96, maxChars: 800}

/** A value as one line of Python-ish text, at most `previewChars` long. */
export function previewOf(value: unknown): string {
  return formatPy(toPyValue(value, limits), {maxChars: previewChars})
}

/** Arguments as a call reads: `self=<Book: Book object (1)>, book_id=1`. */
export function argsPreviewOf(locals: unknown): string {
  const value: PyValue = toPyValue(locals, limits)
  if (value.t !== 'dict') return formatPy(value, {maxChars: previewChars})
  const parts: string[] = []
  let length = 0
  for (const [k, v] of value.entries) {
    const name = k.t === 'str' ? k.v : formatPy(k, {maxChars: 40})
    const part = `${name}=${formatPy(v, {maxChars: previewChars})}`
    parts.push(part)
    length += part.length + 2
    if (length > previewChars) break
  }
  if (value.cut !== undefined) parts.push('…')
  const text = parts.join(', ')
  return text.length > previewChars ? `${text.slice(0, previewChars - 1)}…` : text
}

/** What one call's records say about its values. */
export interface CallPreview {
  args?: string
  returnValue?: string
  exception?: string
}

/**
 * The previews of one frame: its arguments (the call record's locals), and either its return
 * value or the exception it raised.
 *
 * `raisedMessage` is the request's uncaught exception when the frame is on its path (Kolo then
 * records a `return` of None). sys.monitoring traces close a raising frame with `unwind` (or open
 * it with `throw`) and carry the exception on the record. A corrupt record gives no preview.
 */
export function callPreview(
  records: RecordTable,
  openIndex: number,
  closeIndex: number,
  raisedMessage: string | undefined,
): CallPreview {
  const preview: CallPreview = {}
  const open = readRecord(records, openIndex)
  if (open?.has('locals')) preview.args = argsPreviewOf(open.get('locals'))
  const event = closeIndex >= 0 ? records.get(closeIndex, 'event') : undefined
  if (event === 'unwind' || strField(open, 'event') === 'throw') {
    const close = closeIndex === openIndex ? open : readRecord(records, closeIndex)
    const raised = field(close, 'exception') ?? field(open, 'exception')
    preview.exception = raised === undefined ? (raisedMessage ?? 'exception') : previewOf(raised)
  } else if (raisedMessage !== undefined) {
    preview.exception = cut(raisedMessage)
  } else if (closeIndex >= 0 && closeIndex !== openIndex) {
    const returned = returnPreview(records, closeIndex)
    if (returned !== undefined) preview.returnValue = returned
  }
  return preview
}

/**
 * The return value of a closing record. A scalar reads without decoding the record (its locals
 * may be large), except a whole number, which may be a float (`5.0`) only the full record tells.
 */
function returnPreview(records: RecordTable, closeIndex: number): string | undefined {
  const scalar = records.get(closeIndex, 'arg')
  if (scalar !== undefined && !(typeof scalar === 'number' && Number.isInteger(scalar))) {
    return previewOf(scalar)
  }
  const close = readRecord(records, closeIndex)
  return close?.has('arg') ? previewOf(close.get('arg')) : undefined
}

function readRecord(records: RecordTable, index: number): Map<unknown, unknown> | undefined {
  if (index < 0) return undefined
  try {
    // For display: a Python 2.0 stays `2.0`, as the details panel shows it.
    return records.full(index, true)
  } catch {
    return undefined
  }
}

function cut(text: string): string {
  const line = text.trim()
  return line.length > previewChars ? `${line.slice(0, previewChars - 1)}…` : line
}
