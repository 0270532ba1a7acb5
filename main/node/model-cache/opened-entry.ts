import type {TraceModel} from '../../../shared/model/trace-model'
import {SourceChanged} from '../decode/byte-source'
import {readRest} from './cache-entry'
import type {CachedTrace, EntryMeta} from './cache-entry'
import {CacheDamaged} from './cached-body'
import {DamagedFile} from './sectioned-file'
import type {SectionedFile} from './sectioned-file'

/**
 * A model cache entry opened for its model, which is read and checked at once; the rest (the
 * rows' records and where they are, needed for details) is read a section a step, after the
 * model went out, or at once when a question needs it.
 *
 * The entry file stays open until the rest is read, or close() (a trace forgotten before).
 */
export class OpenedEntry {
  /** The size of the trace's body, and how many records its rows come from (for progress). */
  readonly byteLength: number
  readonly records: number
  private readonly steps: Generator<void, CachedTrace>
  private result: CachedTrace | undefined
  private failure: Error | undefined

  constructor(
    private readonly file: SectionedFile,
    meta: EntryMeta,
    readonly framed: SharedArrayBuffer,
    readonly model: TraceModel,
    /** Removes the entry from the cache (it turned out damaged). */
    private readonly drop: () => void,
  ) {
    this.byteLength = meta.decoded.byteLength
    this.records = meta.shown.reduce((n, k) => n + (meta.threads[k]?.records ?? 0), 0)
    this.steps = readRest(file, meta, model)
  }

  /** Whether the rest is read. */
  get done(): boolean {
    return this.result !== undefined
  }

  /**
   * Read one more section of the rest; true while more is left. A section that does not check
   * out removes the entry and throws CacheDamaged (a SourceChanged: build the trace again).
   */
  step(): boolean {
    if (this.result) return false
    if (this.failure) throw this.failure
    try {
      const next = this.steps.next()
      if (!next.done) return true
      this.result = next.value
      return false
    } catch (error) {
      const damaged = error instanceof DamagedFile || error instanceof SourceChanged
      if (damaged) this.drop()
      this.failure =
        error instanceof DamagedFile
          ? new CacheDamaged(error.message)
          : error instanceof Error
            ? error
            : new Error(String(error))
      throw this.failure
    } finally {
      if (this.result || this.failure) this.file.close()
    }
  }

  /** The whole trace: what is left of the rest read now. */
  finish(): CachedTrace {
    while (this.step()) {
      // a section a step
    }
    return this.result!
  }

  /** Give up the rest (the trace is forgotten before it was read). */
  close(): void {
    this.file.close()
  }
}
