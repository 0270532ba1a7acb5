import type {ByteSource} from './byte-source'
import type {RecordTable, Scalar} from './decoded-trace'
import {frameKeyOf} from './frame-key'
import type {ValueTable} from './msgpack-reader'
import type {KoloMap} from './py-objects'
import {callSiteField, decodeRecord, frameKeyField, scalarField} from './record-bytes'

/**
 * The records of a built trace as where they are, not what they say: an offset and a length per
 * record (12 bytes) and a source to read them from. Every question reads that one record back
 * (the last one read is kept: the details and insights of a node ask several questions of it).
 *
 * This is what a built trace keeps once its tree is built, so memory does not grow with the body.
 */
export class LeanRecordTable implements RecordTable {
  readonly length: number
  private lastIndex = -1
  private lastBytes: Uint8Array = new Uint8Array(0)

  constructor(
    readonly offsets: Float64Array,
    readonly lengths: Uint32Array,
    readonly bytes: ByteSource,
    private readonly source: string,
    readonly values: ValueTable | undefined,
  ) {
    this.length = offsets.length
  }

  /** Bytes held per record (the offset and the length). */
  static readonly bytesPerRecord = 12

  get(i: number, key: string): Scalar {
    if (!this.has(i)) return undefined
    const bytes = this.bytesOf(i)
    return scalarField(bytes, 0, bytes.length, key, this.values)
  }

  reader(key: string): (i: number) => Scalar {
    return i => this.get(i, key)
  }

  frameKey(i: number): number {
    if (!this.has(i)) return 0
    const bytes = this.bytesOf(i)
    return frameKeyField(bytes, 0, bytes.length)
  }

  siteKey(i: number): number {
    const site = this.callSite(i)
    return site ? frameKeyOf(site.frameId) : 0
  }

  siteLine(i: number): number {
    return this.callSite(i)?.line ?? 0
  }

  callSite(i: number): {frameId: string; line: number} | undefined {
    if (!this.has(i)) return undefined
    const bytes = this.bytesOf(i)
    return callSiteField(bytes, 0, bytes.length)
  }

  full(i: number, forDisplay = false): KoloMap {
    if (!this.has(i)) throw new RangeError(`record ${i} of ${this.length}`)
    const bytes = this.bytesOf(i)
    return decodeRecord(bytes, 0, bytes.length, {
      source: this.source,
      index: i,
      values: this.values,
      forDisplay,
    })
  }

  private has(i: number): boolean {
    return i >= 0 && i < this.length
  }

  private bytesOf(i: number): Uint8Array {
    if (i !== this.lastIndex) {
      this.lastBytes = this.bytes.read(this.offsets[i]!, this.lengths[i]!)
      this.lastIndex = i
    }
    return this.lastBytes
  }
}
