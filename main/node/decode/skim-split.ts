/**
 * Skimming one long record list on two threads. The list's second half is skimmed by a helper
 * thread from a guessed record boundary while this thread skims the first half; when this
 * thread's records end exactly at the guess, the guess was a boundary and the helper's rows are
 * the list's rows from there (skimming is a function of the bytes from a record's start), so
 * they are appended with their strings renumbered. Any other outcome is thrown away and this
 * thread skims on alone: a wrong guess costs time, never correctness.
 */

/** Columns and frame keys of rows skimmed elsewhere; string codes number `strings`. */
export interface SkimPart {
  rows: number
  offsets: Float64Array
  lengths: Uint32Array
  /** By INDEXED_KEYS position; null when no row had the field. */
  columns: ({codes: Int32Array; nums: Float64Array | undefined} | null)[]
  frameKeys: Float64Array | undefined
  siteKeys: Float64Array | undefined
  siteLines: Int32Array | undefined
  strings: string[]
}

/** A list's second half being skimmed elsewhere, from record boundary guess `at`. */
export interface SkimSplit {
  /** The guessed boundary (a position in the body). */
  readonly at: number
  /** This thread reached `at` exactly: the helper's rows (undefined if it failed). */
  join(): SkimPart | undefined
  /** This thread passed `at` without stopping there: stop the helper, drop its rows. */
  cancel(): void
}

/**
 * Starts skimming the list that begins at `first` (its first record) and holds `rows` records
 * elsewhere, from a guessed boundary; undefined when it cannot (the bytes are not shared, no
 * boundary found, no helper).
 */
export type SplitSkim = (bytes: Uint8Array, first: number, rows: number) => SkimSplit | undefined

/** Lists shorter than this are skimmed by one thread: the helper's round trip costs more. */
export const MIN_SPLIT_ROWS = 100_000

// The guess: the bytes a record starts with (its map header and first key) as the list's first
// record has them, searched for from about here in the body. The helper starts cold, so it
// gets a little less than half.
const SPLIT_AT = 0.52
const MAX_SIGNATURE = 24

/** The first bytes of the record at `first` up to the end of its first key, or undefined. */
export function recordSignature(bytes: Uint8Array, first: number): Uint8Array | undefined {
  const t = bytes[first]
  if (t === undefined || t < 0x81 || t > 0x8f) return undefined
  const k = bytes[first + 1]
  if (k === undefined || k < 0xa1 || k > 0xbf) return undefined
  const length = 2 + (k - 0xa0)
  if (length > MAX_SIGNATURE || first + length > bytes.length) return undefined
  return bytes.subarray(first, first + length)
}

/** Where to guess a boundary: the first signature match after the split point, or -1. */
export function guessBoundary(bytes: Uint8Array, first: number): number {
  const signature = recordSignature(bytes, first)
  if (!signature) return -1
  const from = first + Math.floor((bytes.length - first) * SPLIT_AT)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(signature, from)
}

/** What transfers a part without copying. */
export function partBuffers(part: SkimPart): ArrayBuffer[] {
  const arrays = [
    part.offsets,
    part.lengths,
    part.frameKeys,
    part.siteKeys,
    part.siteLines,
    ...part.columns.flatMap(c => (c ? [c.codes, c.nums] : [])),
  ]
  const out = new Set<ArrayBuffer>()
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer)
  return [...out]
}
