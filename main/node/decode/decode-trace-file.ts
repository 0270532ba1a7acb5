import {ApiError} from '../../../shared/api/errors'
import {assembleTrace} from './assemble-trace'
import {FileSource, MemorySource, SourceChanged} from './byte-source'
import type {ByteSource, FileIdentity} from './byte-source'
import {decodeTraceBody} from './decode-trace-body'
import type {DecodeOptions} from './decode-trace-body'
import type {DecodedTrace} from './decoded-trace'
import {readV3From} from './kolo-v3'
import {MsgpackError} from './msgpack-reader'
import type {ByteReader} from './v3-scan'
import {V3_MAGIC, V3Defect} from './v3-scan'

/** What decodeTraceFile needs besides the path. */
export interface FileDecodeOptions extends DecodeOptions {
  /** Called while a container is streamed: chunk bytes read so far, and in all. */
  onBytes?: (bytesRead: number, bytesTotal: number) => void
  /** The file must still be this one (the identity its cache key was made from). */
  expect?: FileIdentity
}

/** A trace file decoded, and where its records are read back from afterwards. */
export interface DecodedFile {
  decoded: DecodedTrace
  /**
   * Where a built trace reads its records from: the file itself (held open) when the records'
   * offsets are file offsets, else the body in memory (gzip).
   */
  reader: ByteSource
  identity: FileIdentity
  /** True when the file was read a chunk at a time (a v3 container), never whole. */
  streamed: boolean
}

/** A ByteReader over an open file: positioned reads, windows in one reused buffer. */
export function fileReader(file: FileSource, size: number): ByteReader {
  let scratch = Buffer.allocUnsafeSlow(0)
  const clamp = (offset: number, length: number): number =>
    Math.max(0, Math.min(length, size - offset))
  return {
    size,
    at(offset, length) {
      const out = Buffer.allocUnsafe(clamp(offset, length))
      file.readInto(out, offset)
      return out
    },
    window(offset, length) {
      const n = clamp(offset, length)
      // Reused: fresh memory is dear on some VMs (see README, Benchmarks), windows are many.
      if (scratch.length < n) scratch = Buffer.allocUnsafeSlow(Math.max(n, 1024 * 1024))
      const view = scratch.subarray(0, n)
      file.readInto(view, offset)
      return view
    },
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * Decode a trace file (a Kolo 3.x raw file, a `.kolo` container, a dump) without trusting its
 * name. A v3 container is streamed a chunk at a time (a 3 GB file never sits in memory); other
 * files are read whole. Throws ApiError('bad-trace') like decodeTraceBody, SourceChanged when the
 * file is not the one expected.
 */
export function decodeTraceFile(file: string, options: FileDecodeOptions): DecodedFile {
  const source = new FileSource(file, options.expect)
  try {
    const identity = source.identity()
    const head = source.read(0, Math.min(identity.size, 16))
    if (head.length >= 8 && Buffer.from(head.subarray(0, 8)).toString('latin1') === V3_MAGIC) {
      return {
        decoded: streamV3(source, identity, options),
        reader: source,
        identity,
        streamed: true,
      }
    }
    const bytes = source.read(0, identity.size)
    const decoded = decodeTraceBody(bytes, options)
    if (isGzip(bytes)) {
      source.close()
      return {decoded, reader: new MemorySource(bytes), identity, streamed: false}
    }
    return {decoded, reader: source, identity, streamed: false}
  } catch (error) {
    source.close()
    throw error
  }
}

function streamV3(
  source: FileSource,
  identity: FileIdentity,
  options: FileDecodeOptions,
): DecodedTrace {
  try {
    const {parts, recovered} = readV3From(fileReader(source, identity.size), {
      source: options.source,
      onProgress: options.onProgress,
      onBytes: options.onBytes,
      records: source,
      prefix: options.prefix,
    })
    return assembleTrace(parts, 'kolo-v3', {byteLength: identity.size, recovered})
  } catch (error) {
    if (error instanceof ApiError || error instanceof SourceChanged) throw error
    if (error instanceof MsgpackError || error instanceof V3Defect) {
      throw new ApiError('bad-trace', `${options.source}: ${error.message}`)
    }
    const message = error instanceof Error ? error.message : String(error)
    throw new ApiError('bad-trace', `${options.source}: cannot decode the trace: ${message}`)
  }
}
