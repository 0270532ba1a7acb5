import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'

/**
 * The nodes whose details test generation reads, for the gather step that fetches them first:
 * every SQL query of the trace (rows selected or written before the target count), inside the
 * target every request, frame, template, outbound call and exception, and the requests around it.
 */
export function neededNodes(model: TraceModel, target: number): number[] {
  const out: number[] = []
  const end = target + (model.size[target] ?? 1)
  for (let i = 0; i < model.nodeCount; i++) {
    const kind = model.kind[i]
    if (kind === NodeKind.sql) {
      out.push(i)
    } else if (i >= target && i < end) {
      if (
        kind === NodeKind.request ||
        kind === NodeKind.frame ||
        kind === NodeKind.template ||
        kind === NodeKind.outbound ||
        kind === NodeKind.exception
      ) {
        out.push(i)
      }
    }
  }
  // The request a frame runs in: a `request` argument is rebuilt from it.
  for (let p = model.parent[target] ?? -1; p >= 0; p = model.parent[p] ?? -1) {
    if (model.kind[p] === NodeKind.request) out.push(p)
  }
  return out
}

/** The request nodes of a trace, in order: what a request test can be generated for. */
export function requestNodes(model: TraceModel): number[] {
  const out: number[] = []
  for (let i = 0; i < model.nodeCount; i++) if (model.kind[i] === NodeKind.request) out.push(i)
  return out
}
