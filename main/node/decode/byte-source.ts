import fs from 'node:fs'

/**
 * Where the bytes of a trace's records live once the tree is built: the body in memory, a file
 * read by offset (a Kolo 3.x raw file, a trace file), or a copy in the model cache. Record tables
 * read one record at a time from it, so a built trace need not hold its body.
 */
export interface ByteSource {
  /**
   * Bytes [offset, offset + length), which stay valid and unchanged (a view of a body that never
   * changes, or a fresh buffer). Throws SourceChanged when the bytes are no longer the ones the
   * trace was built from.
   */
  read(offset: number, length: number): Uint8Array
  /** Bytes this source keeps in memory (the body, for a MemorySource). */
  readonly residentBytes: number
  /** Release what the source holds open; reads fail afterwards. */
  close(): void
}

/** The bytes a trace was built from changed or vanished: build it again. */
export class SourceChanged extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SourceChanged'
  }
}

/** A body held in memory. */
export class MemorySource implements ByteSource {
  constructor(readonly bytes: Uint8Array) {}

  get residentBytes(): number {
    return this.bytes.byteLength
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.bytes.length) {
      throw new RangeError(`bytes ${offset}+${length} of ${this.bytes.length}`)
    }
    return this.bytes.subarray(offset, offset + length)
  }

  close(): void {
    // Nothing open; the body goes with the last reference.
  }
}

/** What a file must still be for its bytes to be the ones a trace was built from. */
export interface FileIdentity {
  size: number
  mtimeMs: number
  ino?: number
}

/** The identity of an open file (or path). */
export function fileIdentity(stat: fs.Stats): FileIdentity {
  return {size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino}
}

/**
 * A file read by offset, held open (a Kolo 3.x raw file that Kolo replaces by renaming keeps its
 * old bytes behind an open descriptor). Each read returns a fresh buffer; a file that shrank or
 * whose size or mtime changed in place reads as SourceChanged.
 */
export class FileSource implements ByteSource {
  readonly residentBytes = 0
  private fd: number | undefined

  /** Open `file`; with `expect`, it must still be that file (else SourceChanged). */
  constructor(
    readonly file: string,
    expect?: FileIdentity,
    fd?: number,
  ) {
    try {
      this.fd = fd ?? fs.openSync(file, 'r')
    } catch (error) {
      throw new SourceChanged(`${file}: cannot be opened again (${(error as Error).message})`)
    }
    if (expect) this.check(expect)
  }

  /** The open descriptor (for readers that stream the file first). */
  get descriptor(): number {
    if (this.fd === undefined) throw new SourceChanged(`${this.file}: closed`)
    return this.fd
  }

  /** The identity of the open file now. */
  identity(): FileIdentity {
    return fileIdentity(fs.fstatSync(this.descriptor))
  }

  read(offset: number, length: number): Uint8Array {
    const out = Buffer.allocUnsafe(length)
    this.readInto(out, offset)
    return out
  }

  /** Fill `out` from `offset`; throws SourceChanged on a short read. */
  readInto(out: Uint8Array, offset: number): void {
    const fd = this.descriptor
    let done = 0
    while (done < out.length) {
      const n = fs.readSync(fd, out, done, out.length - done, offset + done)
      if (n === 0) {
        throw new SourceChanged(`${this.file}: ends before byte ${offset + out.length}`)
      }
      done += n
    }
  }

  close(): void {
    if (this.fd === undefined) return
    try {
      fs.closeSync(this.fd)
    } catch {
      // Already closed: nothing to release.
    }
    this.fd = undefined
  }

  private check(expect: FileIdentity): void {
    const now = this.identity()
    const same =
      now.size === expect.size &&
      now.mtimeMs === expect.mtimeMs &&
      (expect.ino === undefined || now.ino === expect.ino)
    if (!same) {
      this.close()
      throw new SourceChanged(`${this.file}: changed since the trace was built`)
    }
  }
}
