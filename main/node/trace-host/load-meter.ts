import type {CancelCheck, LoadProgress} from './load-types'

// Where each phase ends on the 0–1 scale a page shows as "loading x%": reading a body whole,
// decoding it (or streaming a container, which reads and decodes at once), building the tree.
const READ_END = 0.1
const DECODE_END = 0.85

/**
 * Turns a load's steps into LoadProgress reports (and checks for cancellation at each): bytes
 * read, records indexed, the shown thread's records out of its total, and one fraction.
 */
export class LoadMeter {
  private progress: LoadProgress = {bytesRead: 0, bytesTotal: 0, records: 0, fraction: 0}
  private streamed = false

  constructor(
    private readonly onProgress: ((progress: LoadProgress) => void) | undefined,
    private readonly cancelled: CancelCheck | undefined,
  ) {}

  /** A body was read whole. */
  read(bytes: number): void {
    this.report({bytesRead: bytes, bytesTotal: bytes, fraction: READ_END})
  }

  /** A body is read a part at a time before it is decoded: bytes read so far, and in all. */
  reading(read: number, total: number): void {
    const fraction = total > 0 ? (READ_END * read) / total : 0
    this.report({
      bytesRead: read,
      bytesTotal: total,
      fraction: Math.max(fraction, this.progress.fraction ?? 0),
    })
  }

  /** A container streams: chunk bytes read so far, and in all. */
  bytes(read: number, total: number): void {
    this.streamed = true
    const fraction = total > 0 ? (DECODE_END * read) / total : this.progress.fraction
    this.report({bytesRead: read, bytesTotal: total, fraction})
  }

  /** Records indexed so far, all threads. */
  records(records: number): void {
    this.report({records})
  }

  /** The shown thread has `indexed` of its `total` records indexed. */
  thread(indexed: number, total: number | undefined): void {
    if (this.streamed || total === undefined || total <= 0) return
    const fraction = READ_END + ((DECODE_END - READ_END) * Math.min(indexed, total)) / total
    this.report({fraction: Math.max(fraction, this.progress.fraction ?? 0)})
  }

  /** Decoded: the tree is being built. */
  building(): void {
    this.report({fraction: DECODE_END})
  }

  /** Built. */
  done(records: number): void {
    this.report({records, fraction: 1})
  }

  private report(change: Partial<LoadProgress>): void {
    this.cancelled?.()
    this.progress = {...this.progress, ...change}
    this.onProgress?.({...this.progress})
  }
}
