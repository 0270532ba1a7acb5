import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {MessageChannel, receiveMessageOnPort, Worker} from 'node:worker_threads'
import type {MessagePort} from 'node:worker_threads'
import {guessBoundary} from '../decode/skim-split'
import type {SkimPart, SkimSplit, SplitSkim} from '../decode/skim-split'

/** What the trace worker sends its skim helper (skim-helper-main.ts). */
export interface SkimJob {
  buffer: SharedArrayBuffer
  byteOffset: number
  byteLength: number
  start: number
  maxRows: number
}

/** workerData of the skim helper: its port and the flags [done, stop, ready]. */
export interface SkimHelperData {
  port: MessagePort
  flags: SharedArrayBuffer
}

const DONE = 0
const STOP = 1
const READY = 2
// A helper that has not answered in this long is gone (killed, out of memory): skim alone.
const ANSWER_MS = 60_000

/**
 * The trace worker's second thread: it skims the second half of a long record list while the
 * trace worker skims the first (decode/skim-part.ts). The trace worker works synchronously, so
 * it waits for the answer on a shared flag and takes the message off the port itself.
 */
export class SkimHelper {
  private readonly worker: Worker
  private readonly port: MessagePort
  private readonly flags: Int32Array
  private readonly nap = new Int32Array(new SharedArrayBuffer(4))
  private broken = false

  constructor(path: string) {
    const {port1, port2} = new MessageChannel()
    const flags = new SharedArrayBuffer(12)
    const data: SkimHelperData = {port: port2, flags}
    this.worker = new Worker(path, {workerData: data, transferList: [port2]})
    // It never keeps the trace worker (or a test) alive by itself.
    this.worker.unref()
    this.worker.on('error', () => (this.broken = true))
    this.worker.on('exit', () => (this.broken = true))
    this.port = port1
    this.flags = new Int32Array(flags)
  }

  /** The helper as a SplitSkim: only for bytes other threads can see (a SharedArrayBuffer). */
  readonly split: SplitSkim = (bytes, first, rows) => {
    if (this.broken || !(bytes.buffer instanceof SharedArrayBuffer)) return undefined
    const at = guessBoundary(bytes, first)
    if (at < 0) return undefined
    Atomics.store(this.flags, DONE, 0)
    Atomics.store(this.flags, STOP, 0)
    const job: SkimJob = {
      buffer: bytes.buffer,
      byteOffset: bytes.byteOffset,
      byteLength: bytes.byteLength,
      start: at,
      maxRows: rows,
    }
    this.port.postMessage(job)
    const answer = (): SkimPart | undefined => this.answer()
    const split: SkimSplit = {
      at,
      join: answer,
      cancel: () => {
        Atomics.store(this.flags, STOP, 1)
        answer()
      },
    }
    return split
  }

  /**
   * Wait (at most `ms`) until the helper has started and warmed up: a load that splits before
   * then waits for it instead of skimming.
   */
  waitReady(ms: number): boolean {
    return Atomics.wait(this.flags, READY, 0, ms) !== 'timed-out'
  }

  /** Stop the helper thread. */
  close(): Promise<number> {
    this.port.close()
    return this.worker.terminate()
  }

  private answer(): SkimPart | undefined {
    if (Atomics.wait(this.flags, DONE, 0, ANSWER_MS) === 'timed-out') {
      this.broken = true
      return undefined
    }
    // The flag is set after the message is posted; it is on the port, or about to be.
    for (let tries = 0; tries < 100; tries++) {
      const received = receiveMessageOnPort(this.port)
      if (received) return (received.message as SkimPart | null) ?? undefined
      Atomics.wait(this.nap, 0, 0, 1)
    }
    this.broken = true
    return undefined
  }
}

/** The skim helper beside a built trace worker (dist/main/skim-helper.js), if it is there. */
export function skimHelperBeside(workerUrl: string | URL): SkimHelper | undefined {
  const path = fileURLToPath(new URL('./skim-helper.js', workerUrl))
  if (!existsSync(path)) return undefined
  try {
    return new SkimHelper(path)
  } catch {
    return undefined // one thread it is
  }
}
