import type {RecordTable, Scalar} from './decoded-trace'
import {frameKeyOf} from './frame-key'
import type {KoloMap} from './py-objects'
import {toScalar} from './record-bytes'

/** A RecordTable over records already decoded as Maps (JSON eras, small traces, tests). */
export class MapRecordTable implements RecordTable {
  readonly length: number

  constructor(private readonly records: readonly KoloMap[]) {
    this.length = records.length
  }

  /** Scalar field `key` of record `i`. */
  get(i: number, key: string): Scalar {
    return toScalar(this.records[i]?.get(key))
  }

  reader(key: string): (i: number) => Scalar {
    return i => this.get(i, key)
  }

  frameKey(i: number): number {
    const frameId = this.records[i]?.get('frame_id')
    return typeof frameId === 'string' ? frameKeyOf(frameId) : 0
  }

  siteKey(i: number): number {
    const site = this.callSite(i)
    return site ? frameKeyOf(site.frameId) : 0
  }

  siteLine(i: number): number {
    return this.callSite(i)?.line ?? 0
  }

  /** Record i's call site, when it is a map with a frame id and a line. */
  callSite(i: number): {frameId: string; line: number} | undefined {
    const site = this.records[i]?.get('user_code_call_site')
    if (!(site instanceof Map)) return undefined
    const frameId: unknown = site.get('call_frame_id')
    const line: unknown = site.get('line_number')
    if (typeof frameId !== 'string' || typeof line !== 'number') return undefined
    return {frameId, line}
  }

  /** Record i as decoded. */
  full(i: number): KoloMap {
    const record = this.records[i]
    if (!record) throw new RangeError(`record ${i} of ${this.length}`)
    return record
  }
}

/** A table without records. */
export const emptyTable: RecordTable = new MapRecordTable([])
