import fs from 'node:fs'
import {
  CHUNK_TARGET_BYTES,
  RecordKind,
  chunkPayload,
  fileHeader,
  footer,
  recordHeader,
} from './kolo3-container'
import {encodeKolo} from './msgpack-writer'

type IndexEntry = [number, number, number, number, number, number]

/** One thread of a streamed container: its key and fields (name, ident, …) for THREAD_META. */
export interface StreamThread {
  key: string
  fields: Map<string, unknown>
}

/**
 * Writes a v3 container (kolo-format.md §4.5) to a file as its frames come, as Kolo's streaming
 * writer does: header, chunks per thread, thread metas, metadata, index, footer. Only the chunk
 * being filled is in memory, so a 3 GB container is written in a few MB (the bench's 10M-record
 * trace; SQLite caps a 2.x blob at 1 GB).
 */
export class KoloContainerStream {
  private offset = 0
  private readonly index: IndexEntry[] = []
  private readonly spans = new Map<number, [number, number, number][]>()
  private readonly open = new Map<number, {frames: Uint8Array[]; size: number; seq: number}>()

  constructor(
    private readonly fd: number,
    head: {traceId: string; timestamp: number},
    private readonly chunkBytes = CHUNK_TARGET_BYTES,
  ) {
    const payload = encodeKolo(
      new Map<string, unknown>([
        ['trace_id', head.traceId],
        ['timestamp', head.timestamp],
      ]),
    )
    this.write(fileHeader(payload))
    this.write(payload)
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.offset
  }

  /** Append one msgpack-encoded frame of thread `token` (1-based); it is copied. */
  frame(token: number, bytes: Uint8Array): void {
    let chunk = this.open.get(token)
    if (!chunk) {
      chunk = {frames: [], size: 0, seq: 0}
      this.open.set(token, chunk)
    }
    if (chunk.size + bytes.length > this.chunkBytes) this.flush(token)
    // A copy (a Buffer's slice() would be a view of memory the caller reuses).
    chunk.frames.push(new Uint8Array(bytes))
    chunk.size += bytes.length
  }

  /** No more frames of thread `token`: its last chunk goes out now. */
  endThread(token: number): void {
    this.flush(token)
  }

  /** Flush the last chunks, then write thread metas, metadata, index and footer. */
  finish(threads: StreamThread[], metadata: Map<string, unknown>): void {
    for (const token of this.open.keys()) this.flush(token)
    threads.forEach((thread, i) => {
      const meta = new Map<string, unknown>([['thread_id', thread.key], ...thread.fields])
      this.record(RecordKind.threadMeta, i + 1, 0, 1, encodeKolo(meta))
    })
    this.record(RecordKind.metadata, 0, 0, 1, encodeKolo(metadata))
    const indexOffset = this.offset
    const body = encodeKolo(
      new Map<string, unknown>([
        ['records', this.index.slice()],
        ['threads', this.spans],
      ]),
    )
    this.write(recordHeader(RecordKind.index, 0, 0, this.index.length, body, true))
    this.write(body)
    this.write(footer(indexOffset, this.offset + 32))
  }

  private flush(token: number): void {
    const chunk = this.open.get(token)
    if (!chunk || chunk.frames.length === 0) return
    const count = chunk.frames.length
    this.record(RecordKind.chunk, token, chunk.seq, count, chunkPayload(chunk.frames))
    const spans = this.spans.get(token) ?? []
    spans.push([chunk.seq, 0, count])
    this.spans.set(token, spans)
    chunk.seq++
    chunk.frames = []
    chunk.size = 0
  }

  private record(kind: number, token: number, seq: number, count: number, body: Uint8Array): void {
    this.index.push([kind, this.offset, body.length, token, seq, count])
    this.write(recordHeader(kind, token, seq, count, body, kind !== RecordKind.chunk))
    this.write(body)
  }

  private write(bytes: Uint8Array): void {
    let done = 0
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done)
    this.offset += bytes.length
  }
}
