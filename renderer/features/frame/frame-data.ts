import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'

/** One step of the call chain from the request (or test, or root) down to the selected node. */
export interface ChainItem {
  nodeId: number
  isFrame: boolean
  isLibrary: boolean
  /** The node's file (-1: none) and first line. */
  fileId: number
  defLine: number
  /** The line where this frame called the next item (for the last item: the node's own line). */
  atLine?: number
}

/**
 * The chain of nodes from the root down to `nodeId`, each with the line where it called the next.
 *
 * The next node's `callLine` is Kolo's user_code_call_site line, which is a line of the nearest
 * enclosing traced frame: the frame above it in this chain.
 */
export function callChain(model: TraceModel, nodeId: number): ChainItem[] {
  const rows: number[] = []
  for (let r = nodeId; r >= 0 && r < model.nodeCount; r = model.parent[r]!) rows.push(r)
  rows.reverse()
  return rows.map((row, i) => {
    const next = rows[i + 1]
    const callLine = next === undefined ? 0 : model.callLine[next]!
    const line = model.line[row]!
    return {
      nodeId: row,
      isFrame: model.kind[row] === NodeKind.frame,
      isLibrary: (model.flags[row]! & NodeFlag.library) !== 0,
      fileId: model.fileId[row]!,
      defLine: line,
      atLine: next === undefined ? line || undefined : callLine || undefined,
    }
  })
}

/** The direct children of a node, in order. */
export function childRows(model: TraceModel, nodeId: number): number[] {
  const out: number[] = []
  const end = nodeId + model.size[nodeId]!
  for (let r = nodeId + 1; r < end; r += model.size[r]!) out.push(r)
  return out
}

/**
 * The calls a frame made that a reader cares about below a child frame: SQL, HTTP, templates,
 * logs, exceptions and jobs anywhere in its subtree (at most `max`, and how many there are among
 * its first `maxScan` rows).
 */
export function effectsBelow(
  model: TraceModel,
  nodeId: number,
  max: number,
  maxScan = 200_000,
): {rows: number[]; total: number} {
  const rows: number[] = []
  let total = 0
  // A huge subtree is sampled from its start: the count is then a lower bound.
  const end = nodeId + Math.min(model.size[nodeId]!, maxScan)
  for (let r = nodeId + 1; r < end; r++) {
    const kind = model.kind[r]!
    if (kind === NodeKind.frame || kind === NodeKind.thread || kind === NodeKind.flushed) continue
    total += 1
    if (rows.length < max) rows.push(r)
    // A request or job nested below holds its own effects: count it once, not its insides.
    if (kind === NodeKind.request || kind === NodeKind.job || kind === NodeKind.test) {
      r += model.size[r]! - 1
    }
  }
  return {rows, total}
}

/** The line of the selected frame where a child was issued (0: unknown). */
export function issueLine(model: TraceModel, child: number): number {
  return model.callLine[child]! || (model.kind[child] === NodeKind.frame ? 0 : model.line[child]!)
}

/** A frame's children grouped by the line of the frame that issued them. */
export function childrenByLine(model: TraceModel, nodeId: number): Map<number, number[]> {
  const byLine = new Map<number, number[]>()
  for (const child of childRows(model, nodeId)) {
    const line = issueLine(model, child)
    if (line <= 0) continue
    const list = byLine.get(line)
    if (list) list.push(child)
    else byLine.set(line, [child])
  }
  return byLine
}

/** Every call of the same function in the trace (same name, file and first line), in order. */
export function sameFunctionCalls(model: TraceModel, nodeId: number): number[] {
  if (model.kind[nodeId] !== NodeKind.frame) return [nodeId]
  const name = model.nameId[nodeId]
  const file = model.fileId[nodeId]
  const line = model.line[nodeId]
  const out: number[] = []
  for (let r = 0; r < model.nodeCount; r++) {
    if (
      model.kind[r] === NodeKind.frame &&
      model.nameId[r] === name &&
      model.fileId[r] === file &&
      model.line[r] === line
    ) {
      out.push(r)
    }
  }
  return out
}

/** Runs of consecutive library frames in a chain, folded into one entry each (when ≥ `min`). */
export function foldLibraryRuns(
  items: ChainItem[],
  min = 3,
): ({item: ChainItem} | {library: ChainItem[]})[] {
  const out: ({item: ChainItem} | {library: ChainItem[]})[] = []
  let run: ChainItem[] = []
  const flush = () => {
    if (run.length >= min) out.push({library: run})
    else for (const item of run) out.push({item})
    run = []
  }
  items.forEach((item, i) => {
    // The selected node (last) always shows, even when it is library code.
    if (item.isFrame && item.isLibrary && i < items.length - 1) {
      run.push(item)
      return
    }
    flush()
    out.push({item})
  })
  flush()
  return out
}
