/** Which trace (and thread) of which store. */
export interface LoadRequest {
  storePath: string
  traceId: string
  thread?: string
}

/** Progress of a load: the body's bytes, records indexed while decoding, and a fraction. */
export interface LoadProgress {
  bytesRead: number
  bytesTotal: number
  records: number
  /** How far the whole load is, 0 to 1 (reading, decoding, building), when it can tell. */
  fraction?: number
}

/** Throws ApiError('cancelled') when the load was superseded. */
export type CancelCheck = () => void

/** What a load reports on its way. */
export interface LoadHooks {
  onProgress?: (progress: LoadProgress) => void
  /**
   * A framed model (model-codec) of the trace's first rows while the rest is still read: at most
   * once, and only for a body big enough to be worth it; `meta.partial` says how far it goes.
   */
  onPreview?: (model: ArrayBuffer) => void
  cancelled?: CancelCheck
}
