/**
 * Hashes of subtrees by shape and coarse keys, from one prefix hash over the rows.
 *
 * Rows are in pre-order and a subtree is the contiguous rows i … i + size[i] - 1; the sequence of
 * (key, size) over those rows fixes its shape. A polynomial prefix hash over the whole table (mod
 * 2^32) gives the hash of any subtree in O(1). Equal hashes are always verified row by row
 * (`sameSubtree`), so a collision costs time, never a wrong match.
 */
export class SubtreeHashes {
  private readonly prefix: Uint32Array
  private readonly powers: Uint32Array

  constructor(
    private readonly keys: Int32Array,
    private readonly size: Uint32Array,
    count: number,
  ) {
    this.prefix = new Uint32Array(count + 1)
    this.powers = new Uint32Array(count + 1)
    let h = 0
    let p = 1
    this.powers[0] = 1
    for (let i = 0; i < count; i++) {
      h = (Math.imul(h, BASE) + itemHash(keys[i]!, size[i]!)) >>> 0
      p = Math.imul(p, BASE) >>> 0
      this.prefix[i + 1] = h
      this.powers[i + 1] = p
    }
  }

  /** The hash of row `row`'s subtree. */
  of(row: number): number {
    const end = row + this.size[row]!
    return (this.prefix[end]! - Math.imul(this.prefix[row]!, this.powers[end - row]!)) >>> 0
  }

  /** The coarse keys and sizes of this table's subtree at `row`, for `sameSubtree`. */
  get columns(): {keys: Int32Array; size: Uint32Array} {
    return {keys: this.keys, size: this.size}
  }
}

/** Whether two subtrees have the same shape and keys, row by row. */
export function sameSubtree(
  a: {keys: Int32Array; size: Uint32Array},
  x: number,
  b: {keys: Int32Array; size: Uint32Array},
  y: number,
): boolean {
  const rows = a.size[x]!
  if (b.size[y] !== rows) return false
  for (let k = 0; k < rows; k++) {
    if (a.keys[x + k] !== b.keys[y + k] || a.size[x + k] !== b.size[y + k]) return false
  }
  return true
}

const BASE = 0x01000193

function itemHash(key: number, size: number): number {
  let h = Math.imul(key ^ 0x5bd1e995, 0x27d4eb2d)
  h ^= Math.imul(size + 0x165667b1, 0x9e3779b1)
  return (h ^ (h >>> 15)) >>> 0
}
