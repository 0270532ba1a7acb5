import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'

/**
 * The nodes whose details test generation reads, for the gather step that fetches them first:
 * every SQL query of the trace (rows selected or written before the target count), and inside
 * the target every request, frame, template, outbound call and exception.
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
  return out
}

/** The request nodes of a trace, in order: what a request test can be generated for. */
export function requestNodes(model: TraceModel): number[] {
  const out: number[] = []
  for (let i = 0; i < model.nodeCount; i++) if (model.kind[i] === NodeKind.request) out.push(i)
  return out
}
