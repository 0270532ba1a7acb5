import fs from 'node:fs'
import {BlobStream} from './blob-stream'
import {findValue, readGeometry} from './btree-cell'

export {BlobStream, ChainBroken} from './blob-stream'

/** Which blob to read: what SQLite itself said of the row (root page, rowid, column, length). */
export interface BlobAddress {
  /** The table b-tree's root page (sqlite_master.rootpage). */
  root: number
  rowid: number
  /** The column's position in the stored record. */
  column: number
  /** The blob's length (octet_length), checked against the record. */
  length: number
}

/** An open blob stream and the file it reads; close it when done. */
export interface OpenBlob {
  stream: BlobStream
  close(): void
}

/**
 * Open one blob of a database file for reading straight from its pages, or undefined when the
 * file does not hold the row as `address` says (the caller then asks SQLite). Only for a file no
 * journal or log stands beside with newer pages: a database SQLite opened immutable. `shared`
 * puts the blob on a SharedArrayBuffer, for other threads to read.
 */
export function openBlob(file: string, address: BlobAddress, shared = false): OpenBlob | undefined {
  const fd = fs.openSync(file, 'r')
  let keep = false
  try {
    const size = fs.fstatSync(fd).size
    const header = Buffer.alloc(100)
    if (fs.readSync(fd, header, 0, 100, 0) < 100) return undefined
    const geometry = readGeometry(header)
    if (!geometry) return undefined
    const pageCount = Math.floor(size / geometry.pageSize)
    const readPage = (n: number): Uint8Array | undefined => {
      if (n < 1 || n > pageCount) return undefined
      const page = Buffer.alloc(geometry.pageSize)
      const got = fs.readSync(fd, page, 0, geometry.pageSize, (n - 1) * geometry.pageSize)
      return got === geometry.pageSize ? page : undefined
    }
    const span = findValue(readPage, geometry, address)
    if (!span) return undefined
    const stream = new BlobStream(fd, geometry, size, span, shared)
    keep = true
    return {stream, close: () => fs.closeSync(fd)}
  } finally {
    if (!keep) fs.closeSync(fd)
  }
}
