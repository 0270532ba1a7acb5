import {NodeKind} from '../../../shared/model/node-kind'
import type {RecordTable} from '../decode/decoded-trace'
import {field, PyDecimal, PyRepr, PyTemporal, PyUnserializable} from '../decode/py-objects'
import type {KoloMap} from '../decode/py-objects'
import {exceptionMessage, pySlice, pyStr} from '../decode/record-fields'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * Kolo's node name (§7.5) from the opening record of a node of `kind`.
 *
 * frame: qualname or "path co_name"; request: "METHOD path_info"; outbound: method_and_full_url;
 * test: test_name; template: template; job: name; flushed: "[flushed segment] co_name" (+ " +N
 * more"); else Kolo's node type. SQL nodes are named by their closing record's query.
 */
export function nameOfOpening(records: RecordTable, i: number, kind: number): string {
  const get = (key: string): unknown => records.get(i, key)
  switch (kind) {
    case NodeKind.frame: {
      const qualname = str(get('qualname'))
      if (qualname) return qualname
      return `${pyStr(records.get(i, 'path'))} ${pyStr(records.get(i, 'co_name'))}`
    }
    case NodeKind.request: {
      const method = str(get('method'))
      const path = str(get('path_info'))
      return method || path ? `${method ?? ''} ${path ?? ''}`.trim() : 'nested_served_http_request'
    }
    case NodeKind.outbound:
      return str(get('method_and_full_url')) ?? 'outbound_http_request'
    case NodeKind.test:
      return str(get('test_name')) ?? 'nested_test'
    case NodeKind.template:
      return str(get('template')) ?? 'django_template'
    case NodeKind.job:
      return str(get('name')) ?? 'nested_background_job'
    case NodeKind.flushed: {
      const coName = pyStr(records.get(i, 'co_name'))
      const count = get('flushed_segment_count')
      const more = typeof count === 'number' && count > 1 ? ` +${count - 1} more` : ''
      return `[flushed segment] ${coName}${more}`
    }
    default:
      return str(get('type')) ?? 'record'
  }
}

/** A log leaf's name: `str(msg)[:50]`. */
export function logLeafName(records: RecordTable, i: number): string {
  const msg = records.get(i, 'msg')
  if (msg !== undefined) return pySlice(pyStr(msg), 50)
  // msg is not a scalar (a repr'd object, a dict): decode this one record.
  return pySlice(roughStr(field(records.full(i), 'msg')), 50)
}

// str() of a decoded value, close enough for a 50-character label.
function roughStr(value: unknown): string {
  if (value instanceof PyRepr || value instanceof PyDecimal || value instanceof PyUnserializable) {
    return value.text
  }
  if (value instanceof PyTemporal) return value.iso
  if (value === undefined || value === null) return 'None'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return String(value)
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (Array.isArray(value)) return `[${value.slice(0, 10).map(roughStr).join(', ')}]`
  if (value instanceof Map) {
    const parts = [...value].slice(0, 10).map(([k, v]) => `${roughStr(k)}: ${roughStr(v)}`)
    return `{${parts.join(', ')}}`
  }
  return typeof value
}

/** An exception leaf's name: the last line of its summary. */
export function exceptionLeafName(exception: KoloMap): string {
  return exceptionMessage(field(exception, 'exception_summary')) ?? 'exception'
}
