import {ApiError} from '../../../shared/api/errors'
import type {FramedModel} from '../../../shared/api/model-codec'
import {builtKey, cancelledError} from './trace-engine'
import type {LoadProgress, LoadRequest} from './load-types'

/** Any error as the ApiError a host rejects with ('internal' unless it is one). */
export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError('internal', error instanceof Error ? error.message : String(error))

// A load whose whole model was not yet claimed is kept this long for its client to claim it.
const UNCLAIMED_MS = 30_000

/**
 * One load in flight for one client: its whole model, and a preview of its first rows.
 *
 * `preview` resolves with the preview model the engine made while reading, or with the whole
 * model when that came first (a small trace, a cached one: its meta has no `partial`).
 */
export class Flight {
  readonly key: string
  readonly whole: Promise<FramedModel>
  readonly preview: Promise<FramedModel>
  settled = false
  /** The whole model was handed to a load() caller (or nobody asked for a preview). */
  claimed = false
  private resolveWhole!: (model: FramedModel) => void
  private rejectWhole!: (error: ApiError) => void
  private resolvePreview!: (model: FramedModel) => void
  private rejectPreview!: (error: ApiError) => void
  private previewed = false

  constructor(
    readonly req: LoadRequest,
    readonly onProgress: ((progress: LoadProgress) => void) | undefined,
  ) {
    this.key = builtKey(req)
    this.whole = new Promise((resolve, reject) => {
      this.resolveWhole = resolve
      this.rejectWhole = reject
    })
    this.preview = new Promise((resolve, reject) => {
      this.resolvePreview = resolve
      this.rejectPreview = reject
    })
    // Nobody may ever ask for one of them: that is not an unhandled rejection.
    this.whole.catch(() => undefined)
    this.preview.catch(() => undefined)
  }

  /** The engine made a preview. */
  offerPreview(model: FramedModel): void {
    if (this.previewed || this.settled) return
    this.previewed = true
    this.resolvePreview(model)
  }

  /** The whole model is ready. */
  done(model: FramedModel): void {
    if (this.settled) return
    this.settled = true
    if (!this.previewed) this.resolvePreview(model)
    this.resolveWhole(model)
  }

  /** The load failed (or was cancelled). */
  fail(error: ApiError): void {
    if (this.settled) return
    this.settled = true
    this.rejectPreview(error)
    this.rejectWhole(error)
  }
}

/**
 * The loads in flight, one per client: a client's load of the trace it is already loading joins
 * that load (a preview, then the whole model, come from one read); a load of another trace
 * cancels it. A settled load whose whole model was not claimed yet (the client took the preview
 * and will ask for the rest) stays joinable for a while.
 */
export class Flights {
  private readonly byClient = new Map<string, Flight>()
  private readonly timers = new Map<Flight, ReturnType<typeof setTimeout>>()

  /**
   * The client's flight for `req`: joined when it is loading (or just loaded, unclaimed) that
   * trace, else a new one, started by `start`, after cancelling the client's other flight.
   */
  join(
    req: LoadRequest,
    client: string,
    onProgress: ((progress: LoadProgress) => void) | undefined,
    start: (flight: Flight) => void,
    cancel: (flight: Flight) => void,
  ): Flight {
    const key = builtKey(req)
    const current = this.byClient.get(client)
    if (current && current.key === key && (!current.settled || !current.claimed)) return current
    if (current) {
      if (!current.settled) {
        cancel(current)
        current.fail(cancelledError(current.req))
      }
      this.forget(client, current)
    }
    const flight = new Flight(req, onProgress)
    this.byClient.set(client, flight)
    const settle = (): void => {
      if (flight.claimed) {
        this.forget(client, flight)
        return
      }
      const timer = setTimeout(() => this.forget(client, flight), UNCLAIMED_MS)
      timer.unref?.()
      this.timers.set(flight, timer)
    }
    flight.whole.then(settle, () => this.forget(client, flight))
    start(flight)
    return flight
  }

  /**
   * Cancel the client's flight of `req` while it runs (`cancel` stops its work): its callers get
   * ApiError 'cancelled'. False when the client has no such flight running.
   */
  cancel(req: LoadRequest, client: string, cancel: (flight: Flight) => void): boolean {
    const current = this.byClient.get(client)
    if (!current || current.settled || current.key !== builtKey(req)) return false
    cancel(current)
    current.fail(cancelledError(current.req))
    this.forget(client, current)
    return true
  }

  /** Hand the whole model of a flight to a load() caller. */
  claim(flight: Flight, client: string): Promise<FramedModel> {
    flight.claimed = true
    if (flight.settled) this.forget(client, flight)
    return flight.whole
  }

  /** Every flight not settled (to fail them on dispose). */
  running(): Flight[] {
    return [...this.byClient.values()].filter(f => !f.settled)
  }

  private forget(client: string, flight: Flight): void {
    const timer = this.timers.get(flight)
    if (timer) clearTimeout(timer)
    this.timers.delete(flight)
    if (this.byClient.get(client) === flight) this.byClient.delete(client)
  }
}
