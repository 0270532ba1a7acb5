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

/**
 * A framed model: an ArrayBuffer, or shared memory when a worker hands out the model it keeps
 * (both threads then view the same bytes; a model is never changed once framed).
 */
export type FramedModel = ArrayBuffer | SharedArrayBuffer

/** Frame a model as one ArrayBuffer, to cross IPC or HTTP (and a worker boundary) in one piece. */
export function encodeModel(model: TraceModel): ArrayBuffer {
  return frame(model, length => new ArrayBuffer(length))
}

/** Frame a model in shared memory, to hand to other threads without a copy. */
export function encodeModelShared(model: TraceModel): SharedArrayBuffer {
  return frame(model, length => new SharedArrayBuffer(length))
}

function frame<B extends FramedModel>(model: TraceModel, allocate: (length: number) => B): B {
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
  const buffer = allocate(bodyStart + offset)
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
export function decodeModel(buffer: FramedModel): TraceModel {
  if (buffer.byteLength < 8) throw new Error('model buffer too short')
  const view = new DataView(buffer)
  if (view.getUint32(0, true) !== MAGIC) throw new Error('model buffer has a bad magic number')
  const headerLength = view.getUint32(4, true)
  if (8 + headerLength > buffer.byteLength) throw new Error('model header runs past the buffer')
  const headerBytes = new Uint8Array(buffer, 8, headerLength)
  // TextDecoder refuses views of shared memory in browsers: a copy of the header then.
  const header = JSON.parse(
    new TextDecoder().decode(buffer instanceof ArrayBuffer ? headerBytes : headerBytes.slice()),
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
    // (The constructors take shared memory too; their typings name only ArrayBuffer.)
    const view = new Type(buffer as ArrayBuffer, start, length)
    ;(model as unknown as Record<string, unknown>)[column.name] = view
  }
  return model
}
