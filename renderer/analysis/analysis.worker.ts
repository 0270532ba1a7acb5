/// <reference lib="webworker" />
import {AnalysisCore, transferables} from './analysis-core'
import type {AnalysisInput, AnalysisMethod} from './analysis-core'

// The flame and graph views' derived work (function table, left-heavy merge, sandwich, search,
// call graph) runs here so that a 1.7M-row trace never blocks the page.
declare const self: DedicatedWorkerGlobalScope

let core: AnalysisCore | undefined

self.onmessage = (event: MessageEvent) => {
  const msg = event.data as
    | {type: 'init'; model: AnalysisInput}
    | {type: 'run'; id: number; method: AnalysisMethod; req: unknown}
  if (msg.type === 'init') {
    core = new AnalysisCore(msg.model)
    return
  }
  try {
    if (!core) throw new Error('analysis worker has no model')
    const result = core.run(msg.method, msg.req as never)
    // The function table is cached in the worker: send a copy, keep ours.
    const transfer = msg.method === 'functions' ? [] : transferables(result)
    self.postMessage({id: msg.id, ok: true, result}, transfer)
  } catch (error) {
    self.postMessage({
      id: msg.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    })
  }
}
