import type {TreeColumns} from './flame-columns'

/**
 * Several traces' trees as one, so that what merges the call paths of one trace merges them
 * across traces: rows one trace after another (each stays in pre-order), parents offset, names
 * and files mapped into one string table (equal strings become one id, so the same function in
 * two traces is one function). Times stay each trace's own: only durations mean anything.
 */
export class TreeConcat {
  private readonly parts: {tree: TreeColumns; stringMap: Uint32Array; offset: number}[] = []
  private readonly strings: string[] = []
  private readonly stringIds = new Map<string, number>()
  private rows = 0

  /** Rows added so far. */
  get rowCount(): number {
    return this.rows
  }

  /** Add a tree; false (and nothing added) when it would take the rows past `maxRows`. */
  add(tree: TreeColumns, maxRows = Infinity): boolean {
    if (this.rows + tree.nodeCount > maxRows) return false
    const stringMap = new Uint32Array(tree.strings.length)
    tree.strings.forEach((s, i) => {
      let id = this.stringIds.get(s)
      if (id === undefined) {
        id = this.strings.length
        this.strings.push(s)
        this.stringIds.set(s, id)
      }
      stringMap[i] = id
    })
    this.parts.push({tree, stringMap, offset: this.rows})
    this.rows += tree.nodeCount
    return true
  }

  /** The combined columns (fresh arrays: the added trees may be dropped afterwards). */
  build(): TreeColumns {
    const n = this.rows
    const out: TreeColumns = {
      nodeCount: n,
      depth: new Uint16Array(n),
      startNs: new Float64Array(n),
      endNs: new Float64Array(n),
      kind: new Uint8Array(n),
      flags: new Uint8Array(n),
      nameId: new Uint32Array(n),
      fileId: new Int32Array(n),
      line: new Uint32Array(n),
      parent: new Int32Array(n),
      size: new Uint32Array(n),
      strings: [...this.strings],
    }
    for (const {tree, stringMap, offset} of this.parts) {
      const m = tree.nodeCount
      out.depth.set(tree.depth.subarray(0, m), offset)
      out.startNs.set(tree.startNs.subarray(0, m), offset)
      out.endNs.set(tree.endNs.subarray(0, m), offset)
      out.kind.set(tree.kind.subarray(0, m), offset)
      out.flags.set(tree.flags.subarray(0, m), offset)
      out.line.set(tree.line.subarray(0, m), offset)
      out.size.set(tree.size.subarray(0, m), offset)
      for (let i = 0; i < m; i++) {
        const p = tree.parent[i]!
        out.parent[offset + i] = p < 0 ? -1 : p + offset
        out.nameId[offset + i] = stringMap[tree.nameId[i]!]!
        const f = tree.fileId[i]!
        out.fileId[offset + i] = f < 0 ? -1 : stringMap[f]!
      }
    }
    return out
  }
}
