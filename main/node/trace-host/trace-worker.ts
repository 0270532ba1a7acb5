// The trace worker: opens stores, decodes and builds traces off the main thread, answers details.
// Built to dist/main/trace-worker.js by scripts/build.mjs; started by trace-host.ts.
import {parentPort, workerData} from 'node:worker_threads'
import {toErrorEnvelope} from '../../../shared/api/errors'
import {traceInsights} from '../insights/trace-insights'
import {findFrameRow} from '../model/node-details'
import {cancelledError, TraceEngine} from './trace-engine'
import type {FromWorker, ToWorker, WorkerInit} from './worker-protocol'

const port = parentPort
if (!port) throw new Error('trace-worker.js must run as a worker thread')
const init = (workerData ?? {}) as WorkerInit
const engine = new TraceEngine({cacheDir: init.cacheDir})

const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer)

// Messages are handled one at a time, synchronously; a superseded load notices its cancel flag
// at the next step or progress report and stops.
port.on('message', (message: ToWorker) => {
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
    } else if (message.type === 'insights') {
      send({type: 'result', id, ok: true, value: traceInsights(engine.build(message.req))})
    } else if (message.type === 'findFrame') {
      const row = findFrameRow(engine.build(message.req), 0, message.req.frameId)
      send({type: 'result', id, ok: true, value: row})
    } else {
      send({type: 'result', id, ok: true, value: engine.details(message.req)})
    }
  } catch (error) {
    send({type: 'result', id, ...toErrorEnvelope(error)})
  }
})
