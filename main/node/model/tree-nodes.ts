/**
 * The tree under construction: one row per node in typed arrays, children as linked lists.
 *
 * Rows are numbered in creation order; the emit pass (emit-model.ts) renumbers them in DFS
 * pre-order. Row 0 is a synthetic super-root that is never emitted: its children are the roots.
 */

/** Kind of a django_setup / django_checks / django_create_test_db span: built, then removed (§7.4). */
export const SETUP_KIND = 255

/** Internal per-row bits that never reach the model. */
export const Mark = {
  /** A `<module>` frame span: removed unless it is a root. */
  module: 1,
  /** An outbound node recorded by `requests`. */
  requests: 2,
  /** An outbound node recorded by `urllib3`: spliced out under a `requests` node. */
  urllib3: 4,
  /** Merged into the previous root (§7.4): its children moved there, it is gone. */
  merged: 8,
  /** A synthetic thread root: the roots of that thread are its children. */
  threadRoot: 16,
} as const

/** Growable columns of the tree being built. */
export class TreeNodes {
  count = 0
  kind: Uint8Array
  flags: Uint8Array
  marks: Uint8Array
  parent: Int32Array
  firstChild: Int32Array
  lastChild: Int32Array
  nextSibling: Int32Array
  openRec: Int32Array
  closeRec: Int32Array
  startNs: Float64Array
  endNs: Float64Array
  nameId: Int32Array
  fileId: Int32Array
  line: Uint32Array
  callLine: Uint32Array

  constructor(capacity: number) {
    const n = Math.max(16, capacity)
    this.kind = new Uint8Array(n)
    this.flags = new Uint8Array(n)
    this.marks = new Uint8Array(n)
    this.parent = new Int32Array(n)
    this.firstChild = new Int32Array(n)
    this.lastChild = new Int32Array(n)
    this.nextSibling = new Int32Array(n)
    this.openRec = new Int32Array(n)
    this.closeRec = new Int32Array(n)
    this.startNs = new Float64Array(n)
    this.endNs = new Float64Array(n)
    this.nameId = new Int32Array(n)
    this.fileId = new Int32Array(n)
    this.line = new Uint32Array(n)
    this.callLine = new Uint32Array(n)
  }

  /** Append a node as the last child of `parent` (-1: none, only for the super-root). */
  add(kind: number, parent: number, openRec: number, startNs: number): number {
    if (this.count === this.kind.length) this.grow()
    const id = this.count++
    this.kind[id] = kind
    this.flags[id] = 0
    this.marks[id] = 0
    this.parent[id] = parent
    this.firstChild[id] = -1
    this.lastChild[id] = -1
    this.nextSibling[id] = -1
    this.openRec[id] = openRec
    this.closeRec[id] = -1
    this.startNs[id] = startNs
    this.endNs[id] = startNs
    this.nameId[id] = 0
    this.fileId[id] = -1
    this.line[id] = 0
    this.callLine[id] = 0
    if (parent >= 0) this.appendChild(parent, id)
    return id
  }

  /** Link `child` as the last child of `parent`. */
  appendChild(parent: number, child: number): void {
    this.parent[child] = parent
    this.nextSibling[child] = -1
    const last = this.lastChild[parent]!
    if (last < 0) this.firstChild[parent] = child
    else this.nextSibling[last] = child
    this.lastChild[parent] = child
  }

  private grow(): void {
    const n = this.kind.length * 2
    const widen = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n)
      b.set(a)
      return b
    }
    this.kind = widen(this.kind)
    this.flags = widen(this.flags)
    this.marks = widen(this.marks)
    this.parent = widen(this.parent)
    this.firstChild = widen(this.firstChild)
    this.lastChild = widen(this.lastChild)
    this.nextSibling = widen(this.nextSibling)
    this.openRec = widen(this.openRec)
    this.closeRec = widen(this.closeRec)
    this.startNs = widen(this.startNs)
    this.endNs = widen(this.endNs)
    this.nameId = widen(this.nameId)
    this.fileId = widen(this.fileId)
    this.line = widen(this.line)
    this.callLine = widen(this.callLine)
  }
}

/** Interns strings: each distinct string is stored once and named by its index. */
export class StringTable {
  readonly strings: string[] = []
  private readonly ids = new Map<string, number>()

  /** The id of `s`, adding it on first use. */
  intern(s: string): number {
    let id = this.ids.get(s)
    if (id === undefined) {
      id = this.strings.length
      this.strings.push(s)
      this.ids.set(s, id)
    }
    return id
  }
}

/** A bounded list of warnings: the first `cap` messages, then a count of the rest. */
export class Warnings {
  private readonly list: string[] = []
  private dropped = 0
  constructor(private readonly cap = 50) {}

  /** Add a warning (kept only while under the cap). */
  add(message: string): void {
    if (this.list.length < this.cap) this.list.push(message)
    else this.dropped++
  }

  /** The kept warnings, plus a line counting the dropped ones. */
  toArray(): string[] {
    return this.dropped > 0 ? [...this.list, `… and ${this.dropped} more warnings`] : [...this.list]
  }
}
