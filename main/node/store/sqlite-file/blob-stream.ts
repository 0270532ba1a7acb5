import fs from 'node:fs'
import type {FileGeometry, ValueSpan} from './btree-cell'
import {u32} from './btree-cell'

/** The overflow chain does not hold what the row's cell says: read the value through SQLite. */
export class ChainBroken extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChainBroken'
  }
}

// A run of pages read at once grows while the chain runs on to the next page in the file, up to
// this many bytes; a chain that jumps reads a page at a time, as SQLite itself does.
const MAX_RUN_BYTES = 8 * 1024 * 1024

/**
 * One blob of a SQLite database file read straight from its overflow pages, a part at a time:
 * `fill(n)` makes the first n bytes of `bytes` valid. Pages that follow one another in the file
 * (a blob written into a growing database) are read many at once into the destination and moved
 * down over their 4-byte page headers, so a 150 MB blob costs one copy instead of SQLite's page
 * by page assembly plus better-sqlite3's copy of the result.
 */
export class BlobStream {
  /** The blob; bytes [0, filled) are valid. */
  readonly bytes: Buffer
  filled = 0
  /** Reads of overflow pages so far (one per run of pages that follow one another). */
  reads = 0
  private readonly buffer: Buffer
  private readonly pad: number
  private readonly content: number
  private readonly pageCount: number
  private nextPage: number
  /** Payload offset where nextPage's content starts. */
  private nextPayload: number
  private run = 16

  constructor(
    private readonly fd: number,
    private readonly geometry: FileGeometry,
    fileSize: number,
    private readonly span: ValueSpan,
    shared = false,
  ) {
    const {pageSize, usable} = geometry
    this.content = usable - 4
    this.pageCount = Math.floor(fileSize / pageSize)
    // Room before the blob for the part of its first page that precedes it, and after it for a
    // run's page headers and reserved bytes, which sit there until the pages are moved down.
    const maxRun = Math.max(1, Math.floor(MAX_RUN_BYTES / pageSize))
    this.pad = pageSize
    const size = this.pad + span.length + maxRun * (pageSize - this.content) + pageSize

    this.buffer = shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size)
    this.bytes = this.buffer.subarray(this.pad, this.pad + span.length)
    const localEnd = span.local.length
    if (span.offset < localEnd) {
      const inLeaf = span.local.subarray(span.offset, Math.min(localEnd, span.offset + span.length))
      this.bytes.set(inLeaf, 0)
      this.filled = inLeaf.length
    }
    this.nextPage = span.firstOverflow
    this.nextPayload = localEnd
  }

  /** The blob's length. */
  get length(): number {
    return this.span.length
  }

  /** Read on until at least `upTo` bytes (or the whole blob) are valid. Throws ChainBroken. */
  fill(upTo: number, onBytes?: (read: number, total: number) => void): void {
    const want = Math.min(upTo, this.span.length)
    while (this.filled < want) {
      this.readRun(want)
      onBytes?.(this.filled, this.span.length)
    }
  }

  private checkPage(page: number): void {
    if (page < 1 || page > this.pageCount) {
      throw new ChainBroken(`overflow page ${page} is outside the file`)
    }
  }

  /** Follow the chain past pages that hold only the columns before the blob. */
  private skipToBlob(): void {
    const header = Buffer.alloc(4)
    while (this.nextPayload + this.content <= this.span.offset) {
      this.checkPage(this.nextPage)
      const got = fs.readSync(this.fd, header, 0, 4, (this.nextPage - 1) * this.geometry.pageSize)
      if (got < 4) throw new ChainBroken(`overflow page ${this.nextPage} could not be read`)
      this.nextPage = u32(header, 0)
      this.nextPayload += this.content
    }
  }

  private readRun(want: number): void {
    const {pageSize} = this.geometry
    const blobEnd = this.span.offset + this.span.length
    this.skipToBlob()
    const first = this.nextPage
    this.checkPage(first)
    // No further than asked: a preview's first part is read, not the next 8 MB.
    const wanted = Math.min(blobEnd, this.span.offset + want)
    const pagesLeft = Math.max(1, Math.ceil((wanted - this.nextPayload) / this.content))
    const k = Math.min(this.run, pagesLeft, this.pageCount - first + 1)
    // Page i of the run lands where its content belongs, less its 4-byte header: the header
    // of page 0 covers the 4 bytes before it, which are kept and put back.
    const at = this.pad + this.nextPayload - this.span.offset - 4
    const kept = this.buffer.readUInt32BE(at)
    const got = fs.readSync(this.fd, this.buffer, at, k * pageSize, (first - 1) * pageSize)
    this.reads++
    const whole = Math.floor(got / pageSize)
    if (whole < 1) throw new ChainBroken(`overflow page ${first} could not be read`)
    // The pages that follow one another: the run ends at the first page whose next is elsewhere.
    let used = 0
    let next = 0
    while (used < whole) {
      next = u32(this.buffer, at + used * pageSize)
      used++
      if (next !== first + used) break
    }
    for (let i = 1; i < used; i++) {
      const from = at + i * pageSize + 4
      this.buffer.copyWithin(at + 4 + i * this.content, from, from + this.content)
    }
    this.buffer.writeUInt32BE(kept, at)
    this.nextPayload += used * this.content
    this.nextPage = next
    this.filled = Math.min(this.span.length, this.nextPayload - this.span.offset)
    if (this.filled < this.span.length && next === 0) {
      throw new ChainBroken(`the overflow chain ends ${this.span.length - this.filled} bytes early`)
    }
    // Grow the run while the chain runs straight on; start small again where it jumps.
    const maxRun = Math.max(1, Math.floor(MAX_RUN_BYTES / pageSize))
    this.run = used === k ? Math.min(maxRun, this.run * 2) : 1
  }
}
