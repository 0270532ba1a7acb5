import type {TraceModel} from '../../../shared/model/trace-model'

/**
 * The file paths a loaded trace references, indexed by fileId (the model's string ids), for
 * SourceServiceDeps.traceFiles: every string some row's `fileId` points at, and nothing else.
 *
 * `extraFileIds` adds ids that only node details carry (exception frames, call sites).
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
