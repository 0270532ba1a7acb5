import {ApiError} from '../../../shared/api/errors'
import type {RecordTable, Scalar} from '../decode/decoded-trace'
import type {KoloMap} from '../decode/py-objects'

/**
 * The records of a thread a cached trace does not show: only how many there are (the thread list
 * and a thread root's details say so). Nothing asks for their contents.
 */
export class CountOnlyTable implements RecordTable {
  constructor(
    readonly length: number,
    private readonly thread: string,
  ) {}

  get(): Scalar {
    return undefined
  }

  reader(): () => Scalar {
    return () => undefined
  }

  frameKey(): number {
    return 0
  }

  siteKey(): number {
    return 0
  }

  siteLine(): number {
    return 0
  }

  callSite(): undefined {
    return undefined
  }

  full(i: number): KoloMap {
    throw new ApiError('not-found', `Record ${i} of thread ${this.thread} is not loaded`)
  }
}
