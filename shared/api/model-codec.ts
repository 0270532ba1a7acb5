import {modelColumns} from '../model/trace-model'
import type {ModelColumn, TraceMeta, TraceModel} from '../model/trace-model'

// Layout: "KXM1" | u32 header length | header JSON (UTF-8) | padding to 8 | columns, each 8-aligned.
// Columns are raw little-endian typed-array bytes, so the receiver views them without copying.
const MAGIC = 0x314d584b // "KXM1" read little-endian

const columnTypes = {
  kind: Uint8Array,
  flags: Uint8Array,
  depth: Uint16Array,
  parent: Int32Array,
  size: Uint32Array,
  startNs: Float64Array,
  endNs: Float64Array,
  nameId: Uint32Array,
  fileId: Int32Array,
  line: Uint32Array,
  callLine: Uint32Array,
} as const satisfies Record<ModelColumn, unknown>

interface Header {
  traceId: string
  nodeCount: number
  strings: string[]
  meta: TraceMeta
  columns: {name: ModelColumn; offset: number; byteLength: number}[]
}

const align8 = (n: number): number => (n + 7) & ~7

/** Frame a model as one ArrayBuffer, to cross IPC or HTTP (and a worker boundary) in one piece. */
export function encodeModel(model: TraceModel): ArrayBuffer {
  const columns: Header['columns'] = []
  let offset = 0
  for (const name of modelColumns) {
    const byteLength = model[name].byteLength
    columns.push({name, offset, byteLength})
    offset = align8(offset + byteLength)
  }
  const header: Header = {
    traceId: model.traceId,
    nodeCount: model.nodeCount,
    strings: model.strings,
    meta: model.meta,
    columns,
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const bodyStart = align8(8 + headerBytes.length)
  const buffer = new ArrayBuffer(bodyStart + offset)
  const view = new DataView(buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, headerBytes.length, true)
  new Uint8Array(buffer, 8, headerBytes.length).set(headerBytes)
  for (const column of columns) {
    const src = model[column.name]
    const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength)
    new Uint8Array(buffer, bodyStart + column.offset, column.byteLength).set(bytes)
  }
  return buffer
}

/** View a framed model; the typed arrays share the buffer. Throws on a malformed buffer. */
export function decodeModel(buffer: ArrayBuffer): TraceModel {
  if (buffer.byteLength < 8) throw new Error('model buffer too short')
  const view = new DataView(buffer)
  if (view.getUint32(0, true) !== MAGIC) throw new Error('model buffer has a bad magic number')
  const headerLength = view.getUint32(4, true)
  if (8 + headerLength > buffer.byteLength) throw new Error('model header runs past the buffer')
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)),
  ) as Header
  const bodyStart = align8(8 + headerLength)
  const model = {
    traceId: header.traceId,
    nodeCount: header.nodeCount,
    strings: header.strings,
    meta: header.meta,
  } as TraceModel
  for (const column of header.columns) {
    const Type = columnTypes[column.name]
    const start = bodyStart + column.offset
    const length = column.byteLength / Type.BYTES_PER_ELEMENT
    if (start + column.byteLength > buffer.byteLength || length !== header.nodeCount) {
      throw new Error(`model column ${column.name} does not fit the buffer`)
    }
    ;(model as unknown as Record<string, unknown>)[column.name] = new Type(buffer, start, length)
  }
  return model
}
