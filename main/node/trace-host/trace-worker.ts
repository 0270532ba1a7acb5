// The trace worker: opens stores, decodes and builds traces off the main thread, answers questions
// about them (trace-ops). Built to dist/main/trace-worker.js by scripts/build.mjs; started by
// trace-host.ts.
import {parentPort, workerData} from 'node:worker_threads'
import {toErrorEnvelope} from '../../../shared/api/errors'
import {cancelledError, TraceEngine} from './trace-engine'
import type {LoadRequest} from './trace-engine'
import {answer} from './trace-ops'
import type {TraceOpArgs} from './trace-ops'
import type {FromWorker, ToWorker, WorkerInit} from './worker-protocol'

const port = parentPort
if (!port) throw new Error('trace-worker.js must run as a worker thread')
const init = (workerData ?? {}) as WorkerInit
const engine = new TraceEngine({cacheDir: init.cacheDir})

const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer)

// Messages are handled one at a time: the work is synchronous (an answer's promises settle in
// microtasks, before the next message), and a superseded load notices its cancel flag at the
// next step or progress report and stops.
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
      const buffer = engine.load(
        message.req,
        progress => send({type: 'progress', id, progress}),
        cancelled,
      )
      send({type: 'result', id, ok: true, value: buffer}, [buffer])
    } else {
      const built = engine.build(message.req)
      const args = message.args as TraceOpArgs<typeof message.op>
      const value = await answer(built, message.op, args, context)
      send(
        {type: 'result', id, ok: true, value},
        value instanceof ArrayBuffer ? [value] : undefined,
      )
    }
  } catch (error) {
    send({type: 'result', id, ...toErrorEnvelope(error)})
  }
}
