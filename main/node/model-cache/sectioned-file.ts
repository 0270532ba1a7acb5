import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {crc32} from '../decode/v3-scan'

/**
 * A file of named binary sections behind a JSON header, each checked by length and CRC-32, so a
 * truncated, overwritten or half-written file is told from a good one before it is trusted.
 *
 *   @0   "KXC1"  u32 format version  u32 header length  u32 crc32(header)
 *   @16  header JSON {meta, sections: {name: {offset, length, crc?}}, total}
 *   then the sections, each at a multiple of 8 (so typed arrays can view them)
 *
 * A section without `crc` (a big body copy) is checked in blocks by whoever reads it.
 */

const MAGIC = 0x3143584b // "KXC1" little-endian
const PREAMBLE = 16

/** Thrown for a file that is not a good sectioned file (truncated, garbage, wrong version). */
export class DamagedFile extends Error {
  constructor(file: string, why: string) {
    super(`${file}: ${why}`)
    this.name = 'DamagedFile'
  }
}

/** Where a section is in the file. */
export interface SectionInfo {
  offset: number
  length: number
  crc?: number
}

interface Header {
  meta: unknown
  sections: Record<string, SectionInfo>
  total: number
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8

/** Bytes written (or checksummed) per step of writeSectionedSteps. */
export const STEP_BYTES = 4 * 1024 * 1024

/** CRC-32 of `bytes`, STEP_BYTES a step. */
export function* crcSteps(bytes: Uint8Array): Generator<void, number> {
  let crc = 0
  for (let at = 0; at < bytes.length; at += STEP_BYTES) {
    crc = crc32(bytes.subarray(at, at + STEP_BYTES), crc)
    if (at + STEP_BYTES < bytes.length) yield
  }
  return crc
}

/**
 * Write `sections` and `meta` to `file` atomically: a temp file beside it, then a rename, so a
 * reader sees the old file, the new one, or none. Sections named in `unchecked` get no CRC.
 *
 * A generator: each step checksums or writes at most STEP_BYTES, so a caller can interleave a
 * 500 MB write with other work (the trace worker answers questions meanwhile). Returns the size.
 */
export function* writeSectionedSteps(
  file: string,
  version: number,
  meta: unknown,
  sections: [string, Uint8Array][],
  unchecked: ReadonlySet<string> = new Set(),
): Generator<void, number> {
  const crcs: (number | undefined)[] = []
  for (const [name, bytes] of sections) {
    crcs.push(unchecked.has(name) ? undefined : yield* crcSteps(bytes))
  }
  const layout = (start: number): {infos: Record<string, SectionInfo>; total: number} => {
    const infos: Record<string, SectionInfo> = {}
    let at = start
    sections.forEach(([name, bytes], k) => {
      const crc = crcs[k]
      infos[name] =
        crc === undefined
          ? {offset: at, length: bytes.length}
          : {offset: at, length: bytes.length, crc}
      at = align8(at + bytes.length)
    })
    return {infos, total: at}
  }
  // The header's size depends on the offsets it lists: lay out after a generous guess of its
  // size, and guess bigger until it fits.
  let guess = 4096
  for (;;) {
    const {infos, total} = layout(align8(PREAMBLE + guess))
    const headerBytes = new TextEncoder().encode(JSON.stringify({meta, sections: infos, total}))
    if (PREAMBLE + headerBytes.length <= align8(PREAMBLE + guess)) {
      yield* writeFileSteps(file, version, headerBytes, sections, infos, total)
      return total
    }
    guess *= 2
  }
}

/** writeSectionedSteps all at once. */
export function writeSectioned(
  file: string,
  version: number,
  meta: unknown,
  sections: [string, Uint8Array][],
  unchecked: ReadonlySet<string> = new Set(),
): number {
  const steps = writeSectionedSteps(file, version, meta, sections, unchecked)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

function* writeFileSteps(
  file: string,
  version: number,
  headerBytes: Uint8Array,
  sections: [string, Uint8Array][],
  infos: Record<string, SectionInfo>,
  total: number,
): Generator<void, void> {
  const preamble = Buffer.alloc(PREAMBLE)
  preamble.writeUInt32LE(MAGIC, 0)
  preamble.writeUInt32LE(version, 4)
  preamble.writeUInt32LE(headerBytes.length, 8)
  preamble.writeUInt32LE(crc32(headerBytes), 12)
  fs.mkdirSync(path.dirname(file), {recursive: true})
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
  const fd = fs.openSync(tmp, 'w')
  let closed = false
  try {
    writeAll(fd, preamble, 0)
    writeAll(fd, headerBytes, PREAMBLE)
    for (const [name, bytes] of sections) {
      const offset = infos[name]!.offset
      for (let at = 0; at < bytes.length; at += STEP_BYTES) {
        writeAll(fd, bytes.subarray(at, at + STEP_BYTES), offset + at)
        yield
      }
    }
    // The last section may not end on 8: the total length is part of the check.
    fs.ftruncateSync(fd, total)
    fs.closeSync(fd)
    closed = true
    fs.renameSync(tmp, file)
  } finally {
    if (!closed) {
      try {
        fs.closeSync(fd)
      } catch {
        // closed already
      }
    }
    // A finished write renamed it away; an abandoned or failed one leaves no temp file.
    fs.rmSync(tmp, {force: true})
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0
  while (done < bytes.length) {
    done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done)
  }
}

/** An open sectioned file: its meta, and its sections read on demand (checked). */
export class SectionedFile {
  readonly meta: unknown
  readonly size: number
  private readonly sections: Record<string, SectionInfo>
  private closed = false

  private constructor(
    readonly file: string,
    readonly fd: number,
    header: Header,
    size: number,
  ) {
    this.meta = header.meta
    this.sections = header.sections
    this.size = size
  }

  /**
   * Open `file` and check its preamble, header and length. Returns undefined when there is no
   * such file; throws DamagedFile when it is not a good one of `version`.
   */
  static open(file: string, version: number): SectionedFile | undefined {
    let fd: number
    try {
      fd = fs.openSync(file, 'r')
    } catch {
      return undefined
    }
    try {
      const size = fs.fstatSync(fd).size
      const preamble = readAt(fd, 0, PREAMBLE, file)
      const view = Buffer.from(preamble)
      if (view.readUInt32LE(0) !== MAGIC) throw new DamagedFile(file, 'not a model cache file')
      if (view.readUInt32LE(4) !== version) throw new DamagedFile(file, 'another cache version')
      const length = view.readUInt32LE(8)
      if (PREAMBLE + length > size) throw new DamagedFile(file, 'the header is cut short')
      const headerBytes = readAt(fd, PREAMBLE, length, file)
      if (crc32(headerBytes) !== view.readUInt32LE(12)) {
        throw new DamagedFile(file, 'header CRC mismatch')
      }
      const header = parseHeader(headerBytes, file)
      if (header.total !== size) {
        throw new DamagedFile(file, `${size} bytes where ${header.total} were written`)
      }
      return new SectionedFile(file, fd, header, size)
    } catch (error) {
      fs.closeSync(fd)
      throw error
    }
  }

  /** Whether the file has section `name`. */
  has(name: string): boolean {
    return name in this.sections
  }

  /** Where section `name` is (DamagedFile if missing). */
  info(name: string): SectionInfo {
    const info = this.sections[name]
    if (!info) throw new DamagedFile(this.file, `no ${name} section`)
    return info
  }

  /** Section `name` in a buffer of its own, its CRC checked. */
  read(name: string): ArrayBuffer {
    return this.readInto(name, length => new ArrayBuffer(length))
  }

  /** Section `name` in shared memory of its own, its CRC checked. */
  readShared(name: string): SharedArrayBuffer {
    return this.readInto(name, length => new SharedArrayBuffer(length))
  }

  private readInto<B extends ArrayBufferLike>(name: string, allocate: (length: number) => B): B {
    const info = this.info(name)
    const buffer = allocate(info.length)
    const bytes = new Uint8Array(buffer)
    readFully(this.fd, bytes, info.offset, this.file)
    if (info.crc !== undefined && crc32(bytes) !== info.crc) {
      throw new DamagedFile(this.file, `${name} section CRC mismatch`)
    }
    return buffer
  }

  /** Close the file (once: a later call does nothing). */
  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      fs.closeSync(this.fd)
    } catch {
      // closed already
    }
  }
}

function parseHeader(bytes: Uint8Array, file: string): Header {
  let header: Header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes)) as Header
  } catch {
    throw new DamagedFile(file, 'the header is not JSON')
  }
  const sections = header.sections as unknown
  if (typeof header.total !== 'number' || typeof sections !== 'object' || sections === null) {
    throw new DamagedFile(file, 'the header lacks its sections')
  }
  for (const info of Object.values(sections as Record<string, SectionInfo>)) {
    const ok =
      Number.isSafeInteger(info.offset) &&
      Number.isSafeInteger(info.length) &&
      info.offset >= PREAMBLE &&
      info.offset % 8 === 0 &&
      info.offset + info.length <= header.total
    if (!ok) throw new DamagedFile(file, 'a section lies outside the file')
  }
  return header
}

/** Bytes [offset, offset + length) of an open file, in a fresh (8-aligned) buffer. */
export function readAt(fd: number, offset: number, length: number, file: string): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(length))
  readFully(fd, out, offset, file)
  return out
}

/** Fill `out` with the bytes of an open file from `offset` on. */
function readFully(fd: number, out: Uint8Array, offset: number, file: string): void {
  let done = 0
  while (done < out.length) {
    const n = fs.readSync(fd, out, done, out.length - done, offset + done)
    if (n === 0) throw new DamagedFile(file, `ends before byte ${offset + out.length}`)
    done += n
  }
}
