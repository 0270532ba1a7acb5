/**
 * Finding one row's column in a SQLite database file, by reading its pages (the file format of
 * https://www.sqlite.org/fileformat2.html): the table b-tree from its root page down to the leaf
 * that holds the row, the row's record header, and where the column's bytes sit in the payload.
 *
 * Everything read is checked; anything unexpected answers `undefined` ("not this way"), and the
 * caller reads the value through SQLite instead. Nothing here trusts the file.
 */

/** Reads page `n` (1-based) whole, or undefined past the end of the file. */
export type PageReader = (n: number) => Uint8Array | undefined

/** The geometry of a database file (its 100-byte header). */
export interface FileGeometry {
  pageSize: number
  /** Usable bytes of a page: the page size less the reserved bytes at its end. */
  usable: number
}

/** Where a column value of one row lies: its first bytes in the leaf, the rest in overflow pages. */
export interface ValueSpan {
  /** The value's length in bytes. */
  length: number
  /** Offset of the value in the row's payload. */
  offset: number
  /** The payload bytes stored in the leaf page (a view of the page read for it). */
  local: Uint8Array
  /** The first overflow page (0 when the payload fits the leaf). */
  firstOverflow: number
}

const MAGIC = 'SQLite format 3\u0000'
const LEAF_TABLE = 13
const INTERIOR_TABLE = 5
// A b-tree deeper than this is damaged (a 4 KiB-page file of 2^32 pages is ~5 levels deep).
const MAX_DEPTH = 40

/** The page size and usable size from a database file's first 100 bytes, or undefined. */
export function readGeometry(header: Uint8Array): FileGeometry | undefined {
  if (header.length < 100) return undefined
  for (let i = 0; i < MAGIC.length; i++) if (header[i] !== MAGIC.charCodeAt(i)) return undefined
  const raw = (header[16]! << 8) | header[17]!
  const pageSize = raw === 1 ? 65536 : raw
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined
  const usable = pageSize - header[20]!
  if (usable < 480) return undefined
  return {pageSize, usable}
}

/** A varint at `pos` (1–9 bytes, big-endian): [value, next position], or undefined. */
export function readVarint(
  bytes: Uint8Array,
  pos: number,
  end: number,
): [number, number] | undefined {
  let value = 0
  for (let i = 0; i < 9; i++) {
    if (pos + i >= end) return undefined
    const b = bytes[pos + i]!
    if (i === 8) return [value * 256 + b, pos + 9]
    value = value * 128 + (b & 0x7f)
    if ((b & 0x80) === 0) {
      // Rowids and sizes beyond 2^53 are not ours to read exactly.
      return Number.isSafeInteger(value) ? [value, pos + i + 1] : undefined
    }
  }
  return undefined
}

function u16(bytes: Uint8Array, pos: number): number {
  return (bytes[pos]! << 8) | bytes[pos + 1]!
}

/** A big-endian 32-bit unsigned integer at `pos`. */
export function u32(bytes: Uint8Array, pos: number): number {
  return (
    ((bytes[pos]! << 24) >>> 0) +
    ((bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!)
  )
}

/** The bytes of a record column of serial type `t`, or -1 for a reserved type. */
export function serialSize(t: number): number {
  if (t >= 12) return (t - (t & 1 ? 13 : 12)) / 2
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1][t]!
}

/** How many payload bytes a table leaf keeps in the page (the rest overflows). */
export function localPayload(payload: number, usable: number): number {
  const maxLocal = usable - 35
  if (payload <= maxLocal) return payload
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
  const k = minLocal + ((payload - minLocal) % (usable - 4))
  return k <= maxLocal ? k : minLocal
}

/** The cell offsets of a b-tree page, checked to lie inside it. */
function cellOffsets(page: Uint8Array, start: number, headerSize: number): number[] | undefined {
  const n = u16(page, start + 3)
  const first = start + headerSize
  if (first + 2 * n > page.length) return undefined
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const at = u16(page, first + 2 * i)
    if (at < first + 2 * n || at >= page.length) return undefined
    out[i] = at
  }
  return out
}

/** The leaf cell of `rowid` in the table whose root is `root`: the page, and the cell's offset. */
function findLeafCell(
  read: PageReader,
  root: number,
  rowid: number,
): {page: Uint8Array; cell: number} | undefined {
  let pageNo = root
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const page = read(pageNo)
    if (!page) return undefined
    const start = pageNo === 1 ? 100 : 0
    const type = page[start]
    if (type === LEAF_TABLE) {
      const cells = cellOffsets(page, start, 8)
      if (!cells) return undefined
      for (const cell of cells) {
        const size = readVarint(page, cell, page.length)
        const key = size && readVarint(page, size[1], page.length)
        if (key && key[0] === rowid) return {page, cell}
      }
      return undefined
    }
    if (type !== INTERIOR_TABLE) return undefined
    const cells = cellOffsets(page, start, 12)
    if (!cells) return undefined
    let next = u32(page, start + 8)
    for (const cell of cells) {
      if (cell + 4 > page.length) return undefined
      const key = readVarint(page, cell + 4, page.length)
      if (!key) return undefined
      if (rowid <= key[0]) {
        next = u32(page, cell)
        break
      }
    }
    if (next < 1 || next === pageNo) return undefined
    pageNo = next
  }
  return undefined
}

/**
 * Where column `column` (its position in the stored record) of row `rowid` lies, in the table
 * b-tree rooted at `root`. Undefined when the file does not hold what SQLite said it would, or
 * when the column is not a blob of `length` bytes.
 */
export function findValue(
  read: PageReader,
  geometry: FileGeometry,
  where: {root: number; rowid: number; column: number; length: number},
): ValueSpan | undefined {
  const found = findLeafCell(read, where.root, where.rowid)
  if (!found) return undefined
  const {page, cell} = found
  const size = readVarint(page, cell, page.length)
  if (!size) return undefined
  const key = readVarint(page, size[1], page.length)
  if (!key) return undefined
  const payload = size[0]
  const start = key[1]
  const local = localPayload(payload, geometry.usable)
  const spills = local < payload
  if (start + local + (spills ? 4 : 0) > page.length) return undefined
  const localBytes = page.subarray(start, start + local)
  const firstOverflow = spills ? u32(page, start + local) : 0
  // The record header: its size, then one serial type per column. Ours must be in the leaf.
  const headerSize = readVarint(localBytes, 0, local)
  if (!headerSize || headerSize[0] > local) return undefined
  let pos = headerSize[1]
  let offset = headerSize[0]
  for (let c = 0; c <= where.column; c++) {
    const t = readVarint(localBytes, pos, headerSize[0])
    if (!t) return undefined
    pos = t[1]
    const bytes = serialSize(t[0])
    if (bytes < 0) return undefined
    if (c === where.column) {
      const isBlob = t[0] >= 12 && (t[0] & 1) === 0
      if (!isBlob || bytes !== where.length || offset + bytes > payload) return undefined
      return {length: bytes, offset, local: localBytes, firstOverflow}
    }
    offset += bytes
  }
  return undefined
}
