import fs from 'node:fs'
import type {ByteSource} from '../decode/byte-source'
import {SourceChanged} from '../decode/byte-source'
import {crc32} from '../decode/v3-scan'

/** Bytes per CRC block of a body copy: a details read checks at most a few MiB. */
export const BODY_BLOCK = 1 << 20

/** The CRC of each BODY_BLOCK bytes of `body`, a few blocks a step. */
export function* blockCrcSteps(body: Uint8Array): Generator<void, Uint32Array> {
  const out = new Uint32Array(Math.ceil(body.length / BODY_BLOCK))
  for (let b = 0; b < out.length; b++) {
    out[b] = crc32(body.subarray(b * BODY_BLOCK, (b + 1) * BODY_BLOCK))
    if (b % 4 === 3) yield
  }
  return out
}

/** A body copy in a model cache file turned out damaged: drop the entry and build again. */
export class CacheDamaged extends SourceChanged {
  constructor(message: string) {
    super(message)
    this.name = 'CacheDamaged'
  }
}

/**
 * A trace body kept in a model cache file (bodies that cannot be read by offset where they are:
 * a SQLite blob, a gzipped file). Reads are checked against per-MiB CRCs the first time a block
 * is touched, so a damaged copy is never decoded as if it were the trace.
 */
export class CachedBodySource implements ByteSource {
  readonly residentBytes = 0
  private readonly checked: Uint8Array
  private closed = false

  constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly start: number,
    private readonly length: number,
    private readonly crcs: Uint32Array,
  ) {
    this.checked = new Uint8Array(crcs.length)
    if (crcs.length !== Math.ceil(length / BODY_BLOCK)) {
      throw new CacheDamaged(`${file}: the body's block checks do not fit its length`)
    }
  }

  read(offset: number, length: number): Uint8Array {
    if (this.closed) throw new CacheDamaged(`${this.file}: closed`)
    if (offset < 0 || offset + length > this.length) {
      throw new CacheDamaged(
        `${this.file}: bytes ${offset}+${length} of a ${this.length}-byte body`,
      )
    }
    const first = Math.floor(offset / BODY_BLOCK)
    const last = Math.floor((offset + Math.max(length, 1) - 1) / BODY_BLOCK)
    for (let b = first; b <= last; b++) if (!this.checked[b]) this.check(b)
    return this.pread(offset, length)
  }

  close(): void {
    this.closed = true
    try {
      fs.closeSync(this.fd)
    } catch {
      // closed already
    }
  }

  private check(block: number): void {
    const from = block * BODY_BLOCK
    const bytes = this.pread(from, Math.min(BODY_BLOCK, this.length - from))
    if (crc32(bytes) !== this.crcs[block]) {
      throw new CacheDamaged(`${this.file}: body block ${block} CRC mismatch`)
    }
    this.checked[block] = 1
  }

  private pread(offset: number, length: number): Uint8Array {
    const out = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = fs.readSync(this.fd, out, done, length - done, this.start + offset + done)
      if (n === 0) throw new CacheDamaged(`${this.file}: ends inside the body`)
      done += n
    }
    return out
  }
}
