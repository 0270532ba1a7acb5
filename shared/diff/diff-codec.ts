import type {TraceAlignment} from './alignment'
import type {TraceDiff} from './trace-diff'
import type {UnifiedTree} from './unified-tree'

// Layout (as shared/api/model-codec): "KXD1" | u32 header length | header JSON (UTF-8) | padding
// to 8 | arrays, each 8-aligned, raw little-endian, so the receiver views them without copying.
const MAGIC = 0x3144584b // "KXD1" read little-endian

const arrayTypes = {
  aToB: Int32Array,
  bToA: Int32Array,
  editA: Uint8Array,
  editB: Uint8Array,
  flagsA: Uint8Array,
  flagsB: Uint8Array,
  rowA: Int32Array,
  rowB: Int32Array,
  depth: Uint16Array,
} as const

type ArrayName = keyof typeof arrayTypes
type Arrays = Pick<TraceAlignment, 'aToB' | 'bToA' | 'editA' | 'editB' | 'flagsA' | 'flagsB'> &
  Pick<UnifiedTree, 'rowA' | 'rowB' | 'depth'>

interface Header {
  diff: Omit<TraceDiff, 'alignment' | 'tree'>
  alignment: Pick<TraceAlignment, 'scopeA' | 'scopeB' | 'noise' | 'stats'>
  treeCount: number
  arrays: {name: ArrayName; offset: number; length: number}[]
}

const align8 = (n: number): number => (n + 7) & ~7

function arraysOf(diff: TraceDiff): Arrays {
  const {aToB, bToA, editA, editB, flagsA, flagsB} = diff.alignment
  const {rowA, rowB, depth} = diff.tree
  return {aToB, bToA, editA, editB, flagsA, flagsB, rowA, rowB, depth}
}

/**
 * Frame a TraceDiff as one ArrayBuffer: its JSON-safe part as a header, its typed arrays after
 * it. For an API method that returns bulk data (as loadTrace does) and for the worker's reply.
 */
export function encodeTraceDiff(diff: TraceDiff): ArrayBuffer {
  const arrays = arraysOf(diff)
  const {alignment, tree, ...rest} = diff
  const {scopeA, scopeB, noise, stats} = alignment
  const layout: Header['arrays'] = []
  let offset = 0
  for (const name of Object.keys(arrayTypes) as ArrayName[]) {
    const array = arrays[name]
    layout.push({name, offset, length: array.length})
    offset = align8(offset + array.byteLength)
  }
  const header: Header = {
    diff: rest,
    alignment: {scopeA, scopeB, noise, stats},
    treeCount: tree.count,
    arrays: layout,
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const bodyStart = align8(8 + headerBytes.length)
  const buffer = new ArrayBuffer(bodyStart + offset)
  const view = new DataView(buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, headerBytes.length, true)
  new Uint8Array(buffer, 8, headerBytes.length).set(headerBytes)
  for (const {name, offset: at} of layout) {
    const src = arrays[name]
    new Uint8Array(buffer, bodyStart + at, src.byteLength).set(
      new Uint8Array(src.buffer, src.byteOffset, src.byteLength),
    )
  }
  return buffer
}

/** View a framed TraceDiff; the typed arrays share the buffer. Throws on a malformed buffer. */
export function decodeTraceDiff(buffer: ArrayBuffer): TraceDiff {
  const view = new DataView(buffer)
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new Error('not a framed trace diff')
  }
  const headerLength = view.getUint32(4, true)
  if (8 + headerLength > buffer.byteLength) throw new Error('trace diff header runs past the end')
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)),
  ) as Header
  const bodyStart = align8(8 + headerLength)
  const arrays = {} as Record<ArrayName, unknown>
  for (const {name, offset, length} of header.arrays) {
    const Type = arrayTypes[name]
    if (bodyStart + offset + length * Type.BYTES_PER_ELEMENT > buffer.byteLength) {
      throw new Error(`trace diff array ${name} runs past the end`)
    }
    arrays[name] = new Type(buffer, bodyStart + offset, length)
  }
  const a = arrays as Arrays
  const tree: UnifiedTree = {count: header.treeCount, rowA: a.rowA, rowB: a.rowB, depth: a.depth}
  const alignment: TraceAlignment = {
    ...header.alignment,
    aToB: a.aToB,
    bToA: a.bToA,
    editA: a.editA,
    editB: a.editB,
    flagsA: a.flagsA,
    flagsB: a.flagsB,
  }
  return {...header.diff, alignment, tree}
}
