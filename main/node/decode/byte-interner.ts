import {utf8} from './utf8'

/** Strings longer than this (bytes) are stored without interning: hashing them buys nothing. */
const MAX_INTERNED = 4096

/**
 * One string table for one body, filled from UTF-8 bytes without decoding repeats.
 *
 * A trace repeats a few strings (types, events, paths, function names) hundreds of thousands of
 * times; hashing the bytes and comparing them with the first occurrence is much cheaper than
 * decoding each one and interning the JS string. Ids are dense from 0.
 */
export class ByteInterner {
  readonly strings: string[] = []
  private slots = new Int32Array(1024) // id + 1, 0 = empty; open addressing, linear probing
  private mask = 1023
  private hashes = new Int32Array(256)
  private starts = new Float64Array(256)
  private lengths = new Int32Array(256)
  private count = 0

  constructor(private readonly bytes: Uint8Array) {}

  /** The id of the string in `bytes[start, start + length)`. */
  intern(start: number, length: number): number {
    if (length > MAX_INTERNED) return this.add(utf8(this.bytes, start, start + length))
    const bytes = this.bytes
    let h = length ^ 0x811c9dc5
    if (length <= 64) {
      for (let i = start, e = start + length; i < e; i++) h = Math.imul(h ^ bytes[i]!, 16777619)
    } else {
      for (let i = start, e = start + 32; i < e; i++) h = Math.imul(h ^ bytes[i]!, 16777619)
      for (let i = start + length - 32, e = start + length; i < e; i++) {
        h = Math.imul(h ^ bytes[i]!, 16777619)
      }
    }
    const slots = this.slots
    const mask = this.mask
    let slot = h & mask
    for (;;) {
      const entry = slots[slot]!
      if (entry === 0) break
      const id = entry - 1
      if (this.hashes[id] === h && this.lengths[id] === length && this.same(id, start, length)) {
        return id
      }
      slot = (slot + 1) & mask
    }
    const id = this.push(utf8(bytes, start, start + length), h, start, length)
    slots[slot] = id + 1
    if (this.count * 2 > mask) this.rehash()
    return id
  }

  /**
   * Like intern, but first tries `hint` (an id seen at the same place in the previous record):
   * records repeat their neighbours' keys and values, and one compare beats hashing.
   */
  internLike(hint: number, start: number, length: number): number {
    if (hint >= 0 && this.lengths[hint] === length) {
      const bytes = this.bytes
      const other = this.starts[hint]!
      let i = 0
      while (i < length && bytes[start + i] === bytes[other + i]) i++
      if (i === length) return hint
    }
    return this.intern(start, length)
  }

  /** Add a string that is not hashed (long, or not from the body bytes); always a new id. */
  add(text: string): number {
    return this.push(text, 0, -1, -1)
  }

  private same(id: number, start: number, length: number): boolean {
    const bytes = this.bytes
    const other = this.starts[id]!
    if (other === start) return true
    for (let i = 0; i < length; i++) if (bytes[start + i] !== bytes[other + i]) return false
    return true
  }

  private push(text: string, hash: number, start: number, length: number): number {
    const id = this.count++
    if (id >= this.hashes.length) {
      const size = this.hashes.length * 2
      this.hashes = grow(this.hashes, new Int32Array(size))
      this.starts = grow(this.starts, new Float64Array(size))
      this.lengths = grow(this.lengths, new Int32Array(size))
    }
    this.hashes[id] = hash
    this.starts[id] = start
    this.lengths[id] = length
    this.strings.push(text)
    return id
  }

  private rehash(): void {
    const size = this.slots.length * 2
    const slots = new Int32Array(size)
    const mask = size - 1
    for (let id = 0; id < this.count; id++) {
      if (this.lengths[id]! < 0) continue
      let slot = this.hashes[id]! & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = id + 1
    }
    this.slots = slots
    this.mask = mask
  }
}

/** Copy `from` into the larger `to` and return it. */
export function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from)
  return to
}
