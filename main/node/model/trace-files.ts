import type {TraceModel} from '../../../shared/model/trace-model'
import type {BuiltTrace} from './build-trace'
import {nodeDetails} from './node-details'

/**
 * The file paths a loaded trace references, indexed by fileId (the model's string ids): every
 * string some row's `fileId` points at, and nothing else.
 *
 * `extraFileIds` adds ids that only node details carry (exception frames).
 */
export function traceFileTable(
  model: TraceModel,
  extraFileIds: Iterable<number> = [],
): (string | undefined)[] {
  const table: (string | undefined)[] = []
  const add = (id: number) => {
    if (id >= 0 && id < model.strings.length) table[id] = model.strings[id]
  }
  for (let i = 0; i < model.nodeCount; i++) add(model.fileId[i]!)
  for (const id of extraFileIds) add(id)
  return table
}

const tables = new WeakMap<BuiltTrace, (string | undefined)[]>()

/**
 * The path Kolo recorded for file `fileId` of a built trace, or undefined when that id is not a
 * file the trace references (a name, a query, out of range): the source service serves nothing
 * else. Rows name their files; exception frames name files of their own, found once per build.
 */
export function recordedFile(built: BuiltTrace, fileId: number): string | undefined {
  let table = tables.get(built)
  if (!table) {
    const extra: number[] = []
    for (const e of built.exceptions) {
      if (e.node < 0) continue
      const details = nodeDetails(built, e.node)
      if (details.kind !== 'exception') continue
      for (const frame of details.frames) if (frame.fileId !== undefined) extra.push(frame.fileId)
    }
    table = traceFileTable(built.model, extra)
    tables.set(built, table)
  }
  const path = table[fileId]
  return path === '' ? undefined : path
}
