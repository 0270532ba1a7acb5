/**
 * Frame ids as numbers. A trace has one frame_id per span (half a million in a 1M-record trace),
 * and the tree builder only ever asks whether two are equal: hashing their UTF-8 bytes to 53 bits
 * answers that without making or keeping a JS string per id.
 *
 * Two different ids share a key with probability ~2^-53 per pair; the builder compares a record
 * only with the spans open above it and with the previous root, so a mix-up is out of reach.
 * Lookups by key (find a frame) confirm the match on the record itself.
 */

const encoder = new TextEncoder()

/** The key of the frame id in `bytes[start, start + length)`: never 0, exact as a double. */
export function frameKeyOfBytes(bytes: Uint8Array, start: number, length: number): number {
  let a = 0x811c9dc5 ^ length
  let b = 0x9747b28c ^ Math.imul(length, 0x5bd1e995)
  const end = start + length
  let i = start
  // Four bytes a step: a frame id is ~30 bytes, and every record has one or two.
  for (; i + 4 <= end; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    a = Math.imul(a ^ w, 0x9e3779b1)
    a ^= a >>> 15
    b = Math.imul(b ^ w, 0x5bd1e995)
    b ^= b >>> 13
  }
  for (; i < end; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193)
    b = Math.imul(b ^ bytes[i]!, 0x5bd1e995)
  }
  a ^= a >>> 16
  a = Math.imul(a, 0x85ebca6b)
  a ^= a >>> 13
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35)
  b ^= b >>> 16
  const key = (b & 0x1fffff) * 0x100000000 + (a >>> 0)
  return key === 0 ? 1 : key
}

/** The key of a frame id given as a string (the same as of its UTF-8 bytes). */
export function frameKeyOf(frameId: string): number {
  const bytes = encoder.encode(frameId)
  return frameKeyOfBytes(bytes, 0, bytes.length)
}

/** The low 32 bits of a key: what a trace keeps per row to find a frame by id. */
export function frameKeyLow(key: number): number {
  return key % 0x100000000
}
