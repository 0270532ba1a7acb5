import type {RecordTable, Scalar} from '../decode/decoded-trace'
import type {KoloMap} from '../decode/py-objects'

/** Several threads' records as one table: record indices run on from one thread to the next. */
export class ConcatRecords implements RecordTable {
  readonly length: number
  /** Index of the first record of each part, plus the total at the end. */
  readonly offsets: number[]

  constructor(readonly parts: RecordTable[]) {
    this.offsets = [0]
    let total = 0
    for (const part of parts) {
      total += part.length
      this.offsets.push(total)
    }
    this.length = total
  }

  /** Scalar field `key` of record `i`. */
  get(i: number, key: string): Scalar {
    const p = this.part(i)
    return this.parts[p]!.get(i - this.offsets[p]!, key)
  }

  reader(key: string): (i: number) => Scalar {
    return i => this.get(i, key)
  }

  frameKey(i: number): number {
    const p = this.part(i)
    return this.parts[p]!.frameKey(i - this.offsets[p]!)
  }

  siteKey(i: number): number {
    const p = this.part(i)
    return this.parts[p]!.siteKey(i - this.offsets[p]!)
  }

  siteLine(i: number): number {
    const p = this.part(i)
    return this.parts[p]!.siteLine(i - this.offsets[p]!)
  }

  /** Record i's user_code_call_site. */
  callSite(i: number): {frameId: string; line: number} | undefined {
    const p = this.part(i)
    return this.parts[p]!.callSite(i - this.offsets[p]!)
  }

  /** Record i fully decoded. */
  full(i: number, forDisplay?: boolean): KoloMap {
    const p = this.part(i)
    return this.parts[p]!.full(i - this.offsets[p]!, forDisplay)
  }

  /** The part holding global record index `i` (binary search over offsets). */
  part(i: number): number {
    let lo = 0
    let hi = this.parts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.offsets[mid]! <= i) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}
