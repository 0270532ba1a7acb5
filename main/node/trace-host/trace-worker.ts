// The trace worker: opens stores, decodes and builds traces off the main thread, answers questions
// about them (trace-ops). Built to dist/main/trace-worker.js by scripts/build.mjs; started by
// trace-host.ts.
import {parentPort, workerData} from 'node:worker_threads'
import {toErrorEnvelope} from '../../../shared/api/errors'
import {cancelledError, TraceEngine} from './trace-engine'
import type {LoadRequest} from './load-types'
import {skimHelperBeside} from './skim-helper'
import {answer} from './trace-ops'
import {warmUpDecoder} from './warm-up'
import type {TraceOpArgs} from './trace-ops'
import type {FromWorker, ToWorker, WorkerInit} from './worker-protocol'

const port = parentPort
if (!port) throw new Error('trace-worker.js must run as a worker thread')
const init = (workerData ?? {}) as WorkerInit
// A second thread skims half of a long trace body while this one skims the other half.
const helper = skimHelperBeside(import.meta.url)
const engine = new TraceEngine({...init, split: helper?.split})
// Part of starting: the first trace opened then runs optimised code from its first record.
warmUpDecoder()
helper?.waitReady(5000)
const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer)

// Messages are handled one at a time: the work is synchronous (an answer's promises settle in
// microtasks, before the next message), and a superseded load notices its cancel flag at the
// next step or progress report and stops. A preview is posted while the load goes on. Model
// cache writes wait until the answer went out, and go a few MB at a time between messages.
let writing = false
const writeLater = (): void => {
  if (writing || !engine.busy) return
  writing = true
  const tick = (): void => {
    if (engine.step()) setImmediate(tick)
    else writing = false
  }
  setImmediate(tick)
}
const context = {build: (req: LoadRequest) => engine.build(req)}

port.on('message', (message: ToWorker) => void handle(message))

async function handle(message: ToWorker): Promise<void> {
  const {id} = message
  try {
    if (message.type === 'load') {
      const flag = new Int32Array(message.cancel)
      const cancelled = () => {
        if (Atomics.load(flag, 0) !== 0) throw cancelledError(message.req)
      }
      const buffer = engine.load(message.req, {
        onProgress: progress => send({type: 'progress', id, progress}),
        onPreview: message.preview
          ? value => send({type: 'preview', id, value}, [value])
          : undefined,
        cancelled,
      })
      // Shared memory the engine keeps: posted, not transferred (no copy either way).
      send({type: 'result', id, ok: true, value: buffer})
    } else if (message.type === 'idle') {
      engine.settle()
      send({type: 'result', id, ok: true, value: undefined})
    } else {
      const args = message.args as TraceOpArgs<typeof message.op>
      const value = await engine.withBuiltAsync(message.req, built =>
        answer(built, message.op, args, context),
      )
      send(
        {type: 'result', id, ok: true, value},
        value instanceof ArrayBuffer ? [value] : undefined,
      )
    }
  } catch (error) {
    send({type: 'result', id, ...toErrorEnvelope(error)})
  }
  writeLater()
}
