import type {TraceModel} from '../../../shared/model/trace-model'

/**
 * The first `rows` rows of a built model as a model of their own: the tree's first screens, to
 * hand out while the rest is read (from the model cache, say). Rows keep their order, depth,
 * parent and times; subtree sizes are cut at the end; strings are only those these rows use.
 * `recordsRead` goes in meta.partial (how far into the records these rows reach).
 */
export function prefixModel(model: TraceModel, rows: number, recordsRead: number): TraceModel {
  const n = Math.max(0, Math.min(rows, model.nodeCount))
  const strings: string[] = []
  const ids = new Map<number, number>()
  const remap = (id: number): number => {
    let mapped = ids.get(id)
    if (mapped === undefined) {
      mapped = strings.push(model.strings[id] ?? '') - 1
      ids.set(id, mapped)
    }
    return mapped
  }
  const nameId = new Uint32Array(n)
  const fileId = new Int32Array(n)
  const size = new Uint32Array(n)
  for (let row = 0; row < n; row++) {
    nameId[row] = remap(model.nameId[row]!)
    const file = model.fileId[row]!
    fileId[row] = file >= 0 ? remap(file) : -1
    size[row] = Math.min(model.size[row]!, n - row)
  }
  return {
    traceId: model.traceId,
    nodeCount: n,
    kind: model.kind.slice(0, n),
    flags: model.flags.slice(0, n),
    depth: model.depth.slice(0, n),
    parent: model.parent.slice(0, n),
    size,
    startNs: model.startNs.slice(0, n),
    endNs: model.endNs.slice(0, n),
    nameId,
    fileId,
    line: model.line.slice(0, n),
    callLine: model.callLine.slice(0, n),
    strings,
    meta: {...model.meta, partial: {recordsRead, recordsTotal: model.meta.recordCount}},
  }
}
