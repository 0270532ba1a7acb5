import {utf8} from './utf8'

/** Strings longer than this (bytes) are stored without interning: hashing them buys nothing. */
const MAX_INTERNED = 4096

/**
 * One string table for one body, filled from UTF-8 bytes without decoding repeats.
 *
 * A trace repeats a few strings (types, events, paths, function names) hundreds of thousands of
 * times; hashing the bytes and comparing them with the first occurrence is much cheaper than
 * decoding each one and interning the JS string. Ids are dense from 0. The first occurrence's
 * bytes are copied into the interner's own arena, so the bytes being read may be one window of a
 * file after another (setBytes).
 */
export class ByteInterner {
  readonly strings: string[] = []
  // Open addressing with linear probing; a slot is [id + 1 (0 = empty), hash], so a probe
  // touches one cache line, and a hit then reads [start, length] of the id and the arena.
  private slots = new Int32Array(2048)
  private mask = 1023
  private spans = new Int32Array(512) // per id: arena start, length (length -1: not hashed)
  private arena = new Uint8Array(16 * 1024)
  private arenaLength = 0
  private count = 0

  constructor(private bytes: Uint8Array) {}

  /** Read strings from other bytes from now on (the next window of a streamed body). */
  setBytes(bytes: Uint8Array): void {
    this.bytes = bytes
  }

  /** The id of the string in `bytes[start, start + length)`. */
  intern(start: number, length: number): number {
    if (length > MAX_INTERNED) return this.add(utf8(this.bytes, start, start + length))
    const h = hashBytes(this.bytes, start, length)
    const slots = this.slots
    const mask = this.mask
    let slot = h & mask
    for (;;) {
      const entry = slots[slot * 2]!
      if (entry === 0) break
      if (slots[slot * 2 + 1] === h && this.same(entry - 1, start, length)) return entry - 1
      slot = (slot + 1) & mask
    }
    const id = this.push(utf8(this.bytes, start, start + length), start, length)
    slots[slot * 2] = id + 1
    slots[slot * 2 + 1] = h
    if (this.count * 2 > mask) this.rehash()
    return id
  }

  /**
   * Like intern, but first tries `hint` (an id seen at the same place in the previous record):
   * records repeat their neighbours' keys and values, and one compare beats hashing.
   */
  internLike(hint: number, start: number, length: number): number {
    if (hint >= 0 && this.same(hint, start, length)) return hint
    return this.intern(start, length)
  }

  /** The id of a string given as text (a string another thread interned), hashed like the body's. */
  internText(text: string): number {
    const encoded = Buffer.from(text, 'utf8')
    const body = this.bytes
    this.bytes = encoded
    try {
      return this.intern(0, encoded.length)
    } finally {
      this.bytes = body
    }
  }

  /** Add a string that is not hashed (long, or not from the body bytes); always a new id. */
  add(text: string): number {
    return this.push(text, -1, -1)
  }

  /** Whether string `id` is the bytes [start, start + length). */
  same(id: number, start: number, length: number): boolean {
    const spans = this.spans
    if (spans[id * 2 + 1] !== length) return false
    const other = spans[id * 2]!
    const bytes = this.bytes
    const arena = this.arena
    for (let i = 0; i < length; i++) if (bytes[start + i] !== arena[other + i]) return false
    return true
  }

  private push(text: string, start: number, length: number): number {
    const id = this.count++
    if (id * 2 >= this.spans.length) {
      this.spans = grow(this.spans, new Int32Array(this.spans.length * 2))
    }
    let at = -1
    if (length >= 0) {
      at = this.arenaLength
      if (at + length > this.arena.length) {
        this.arena = grow(this.arena, new Uint8Array(Math.max(this.arena.length * 2, at + length)))
      }
      this.arena.set(this.bytes.subarray(start, start + length), at)
      this.arenaLength = at + length
    }
    this.spans[id * 2] = at
    this.spans[id * 2 + 1] = length
    this.strings.push(text)
    return id
  }

  private rehash(): void {
    const old = this.slots
    const size = old.length * 2
    const slots = new Int32Array(size)
    const mask = size / 2 - 1
    for (let s = 0; s < old.length; s += 2) {
      if (old[s] === 0) continue
      let slot = old[s + 1]! & mask
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask
      slots[slot * 2] = old[s]!
      slots[slot * 2 + 1] = old[s + 1]!
    }
    this.slots = slots
    this.mask = mask
  }
}

/**
 * A 32-bit hash of `bytes[start, start + length)`: four bytes per step, at most 64 bytes read
 * (the first and last 32), finished with an avalanche because slots use the low bits.
 */
export function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = length ^ 0x811c9dc5
  const end = start + length
  let i = start
  const stop = length <= 64 ? end : start + 32
  for (; i + 4 <= stop; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    h = Math.imul(h ^ word, 0x9e3779b1)
    h ^= h >>> 15
  }
  for (; i < stop; i++) h = Math.imul(h ^ bytes[i]!, 16777619)
  if (length > 64) {
    for (i = end - 32; i < end; i += 4) {
      const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
      h = Math.imul(h ^ word, 0x9e3779b1)
      h ^= h >>> 15
    }
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  return h ^ (h >>> 13)
}

/** Copy `from` into the larger `to` and return it. */
export function grow<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(
  from: T,
  to: T,
): T {
  to.set(from)
  return to
}
