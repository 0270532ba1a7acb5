// The skim helper: a second thread of the trace worker that skims the second half of a long
// record list (decode/skim-part.ts). Built to dist/main/skim-helper.js; started by skim-helper.ts.
import {workerData} from 'node:worker_threads'
import {skimPart} from '../decode/skim-part'
import {partBuffers} from '../decode/skim-split'
import type {SkimHelperData, SkimJob} from './skim-helper'
import {warmUpSkimmer} from './warm-up'

const {port, flags: shared} = workerData as SkimHelperData
const flags = new Int32Array(shared)
// Jobs wait on the port meanwhile; the trace worker waits for the ready flag as part of its start.
warmUpSkimmer()
Atomics.store(flags, 2, 1)
Atomics.notify(flags, 2)

port.on('message', (job: SkimJob) => {
  try {
    const bytes = new Uint8Array(job.buffer, job.byteOffset, job.byteLength)
    const part = skimPart(bytes, job.start, job.maxRows, () => Atomics.load(flags, 1) !== 0)
    port.postMessage(part, partBuffers(part))
  } catch {
    port.postMessage(null)
  } finally {
    Atomics.store(flags, 0, 1)
    Atomics.notify(flags, 0)
  }
})
