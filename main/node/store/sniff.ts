/** What a file or body looks like from its first bytes (kolo-format.md §3, §9). */
export type Sniffed = 'sqlite' | 'kolo-v3' | 'msgpack' | 'json' | 'gzip' | 'unknown'

const sqliteMagic = 'SQLite format 3\0'
const koloMagic = 'KOLOTRC3'

/** Sniff the leading bytes; 16 are enough. */
export function sniffBytes(head: Uint8Array): Sniffed {
  const ascii = (n: number) => String.fromCharCode(...head.subarray(0, n))
  if (head.length >= 16 && ascii(16) === sqliteMagic) return 'sqlite'
  if (head.length >= 8 && ascii(8) === koloMagic) return 'kolo-v3'
  const b0 = head[0]
  if (b0 === undefined) return 'unknown'
  if (b0 === 0x1f && head[1] === 0x8b) return 'gzip'
  if ((b0 >= 0x80 && b0 <= 0x8f) || b0 === 0xde || b0 === 0xdf) return 'msgpack'
  // JSON object, possibly after a BOM or whitespace.
  let i = 0
  if (b0 === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3
  while (
    i < head.length &&
    (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)
  ) {
    i++
  }
  if (head[i] === 0x7b) return 'json'
  return 'unknown'
}
