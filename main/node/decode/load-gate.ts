import {isMainThread} from 'node:worker_threads'

/**
 * A count of trace loads in flight, shared between threads (a SharedArrayBuffer): the trace
 * worker counts its loads, and background decoding (the project index, on its own thread) waits
 * between steps while the count is not zero, so a trace the user opens gets the machine's cores
 * first. Waiting is bounded, and never happens on a process's main thread, which must stay free
 * to relay the very load being waited for.
 */
export class LoadGate {
  private readonly count: Int32Array

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.count = new Int32Array(buffer)
  }

  /** A load starts. */
  enter(): void {
    Atomics.add(this.count, 0, 1)
  }

  /** A load ended (done, failed or cancelled). */
  leave(): void {
    if (Atomics.sub(this.count, 0, 1) <= 1) Atomics.notify(this.count, 0)
  }

  /** No load in flight (the thread that counted them is gone); wakes whoever waits. */
  reset(): void {
    Atomics.store(this.count, 0, 0)
    Atomics.notify(this.count, 0)
  }

  /** Loads in flight now. */
  get loading(): number {
    return Atomics.load(this.count, 0)
  }

  /** Wait until no load is in flight, or `maxMs` passed; off the main thread only. */
  waitWhileLoading(maxMs = 30_000): void {
    if (isMainThread) return
    const end = performance.now() + maxMs
    for (;;) {
      const n = Atomics.load(this.count, 0)
      const left = end - performance.now()
      if (n <= 0 || left <= 0) return
      Atomics.wait(this.count, 0, n, left)
    }
  }
}
