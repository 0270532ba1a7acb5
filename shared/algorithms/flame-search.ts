import type {TreeColumns} from './flame-columns'

/**
 * Rows whose name or file contains `query` (case-insensitive), in pre-order; none for a blank query.
 *
 * The string table is matched once, then the rows are scanned by id, so the cost is one pass over
 * the strings plus one over two integer columns.
 */
export function searchRows(model: TreeColumns, query: string): Uint32Array {
  const needle = query.trim().toLowerCase()
  if (needle === '') return new Uint32Array(0)
  const hit = new Uint8Array(model.strings.length)
  for (let s = 0; s < model.strings.length; s++) {
    if (model.strings[s]!.toLowerCase().includes(needle)) hit[s] = 1
  }
  let count = 0
  const rows = new Uint32Array(model.nodeCount)
  for (let i = 0; i < model.nodeCount; i++) {
    const file = model.fileId[i]!
    if (hit[model.nameId[i]!] || (file >= 0 && hit[file])) rows[count++] = i
  }
  return rows.slice(0, count)
}

/** Index in sorted `matches` of the next match after `row` (step 1) or the last before it (-1), wrapping. */
export function nextMatch(matches: Uint32Array, row: number, step: 1 | -1): number {
  if (matches.length === 0) return -1
  let lo = 0
  let hi = matches.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (matches[mid]! < row) lo = mid + 1
    else hi = mid
  }
  // lo: first match >= row. Forward skips `row` itself when it is a match; backward goes before it.
  if (step === 1) {
    const k = lo < matches.length && matches[lo] === row ? lo + 1 : lo
    return k % matches.length
  }
  return (lo - 1 + matches.length) % matches.length
}
