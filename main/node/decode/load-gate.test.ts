import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {bundleWorker} from '../testing/bundle-worker'
import {LoadGate} from './load-gate'

const here = path.dirname(fileURLToPath(import.meta.url))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-load-gate-'))
const entry = path.join(dir, 'waiter.ts')
const bundle = path.join(dir, 'waiter.mjs')

// A worker thread that waits on the gate (LoadGate.waitWhileLoading, bundled as the app's
// workers are), then reports whether the load had ended by then (cells[1], set by this thread
// just before leave()).
beforeAll(async () => {
  fs.writeFileSync(
    entry,
    `import {workerData, parentPort} from 'node:worker_threads'
import {LoadGate} from ${JSON.stringify(path.join(here, 'load-gate.ts'))}
const cells = new Int32Array(workerData.cells)
Atomics.store(cells, 0, 1)
new LoadGate(workerData.gate).waitWhileLoading(workerData.maxMs)
parentPort.postMessage({endedFirst: Atomics.load(cells, 1) === 1})
`,
  )
  await bundleWorker(entry, bundle)
})
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

/** Wait on `gate` in a worker (the gate waits only off the main thread). */
function waitInWorker(gate: LoadGate, maxMs: number) {
  const cells = new SharedArrayBuffer(8)
  const worker = new Worker(bundle, {workerData: {gate: gate.buffer, cells, maxMs}})
  const result = new Promise<{endedFirst: boolean}>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  return {cells: new Int32Array(cells), result, worker}
}

describe('LoadGate', () => {
  it('counts loads in flight across threads', () => {
    const gate = new LoadGate()
    const other = new LoadGate(gate.buffer)
    gate.enter()
    other.enter()
    expect(gate.loading).toBe(2)
    other.leave()
    gate.leave()
    expect(other.loading).toBe(0)
    gate.enter()
    other.reset()
    expect(gate.loading).toBe(0)
  })

  it('holds a waiting thread until the last load leaves', async () => {
    const gate = new LoadGate()
    gate.enter()
    const {cells, result, worker} = waitInWorker(gate, 60_000)
    // Once the worker is waiting, end the load: it must wake after that, not before.
    while (Atomics.load(cells, 0) === 0) Atomics.wait(cells, 0, 0, 50)
    Atomics.store(cells, 1, 1)
    gate.leave()
    expect(await result).toEqual({endedFirst: true})
    await worker.terminate()
  })

  it('gives up waiting after its bound', async () => {
    const gate = new LoadGate()
    gate.enter()
    const {result, worker} = waitInWorker(gate, 20)
    // Nobody leaves: the worker goes on by itself once the bound passed.
    expect(await result).toEqual({endedFirst: false})
    gate.leave()
    await worker.terminate()
  })

  it('never waits on the main thread, which relays the load it would wait for', () => {
    const gate = new LoadGate()
    gate.enter()
    gate.waitWhileLoading(60_000) // returns at once here
    expect(gate.loading).toBe(1)
  })
})
