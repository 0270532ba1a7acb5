// The project-index worker: builds and queries project indexes off the main thread.
// To be built to dist/main/project-index-worker.js by scripts/build.mjs; started by index-host.ts.
import {parentPort, workerData} from 'node:worker_threads'
import {IndexDispatcher} from './index-dispatcher'
import type {FromIndexWorker, IndexWorkerInit, ToIndexWorker} from './index-protocol'

const port = parentPort
if (!port) throw new Error('project-index-worker.js must run as a worker thread')
const init = workerData as IndexWorkerInit
const dispatcher = new IndexDispatcher(init, (message: FromIndexWorker) =>
  port.postMessage(message),
)

// The host sends 'dispose' (close every index, marked clean) before it terminates the thread.
port.on('message', (message: ToIndexWorker) => dispatcher.handle(message))
