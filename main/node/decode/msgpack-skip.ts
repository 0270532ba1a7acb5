/** A malformed msgpack document: what is wrong and at which byte. */
export class MsgpackError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`)
    this.name = 'MsgpackError'
  }
}

/** Throw unless `count` bytes are available at `pos` (before `end`). */
export function need(pos: number, count: number, end: number): void {
  if (count < 0 || pos + count > end) {
    throw new MsgpackError(`a value of ${count} bytes runs past the end (${end})`, pos)
  }
}

/** Big-endian unsigned integer of `size` bytes (1, 2 or 4) at `pos`. */
export function readUint(bytes: Uint8Array, pos: number, size: number): number {
  if (size === 1) return bytes[pos]!
  if (size === 2) return (bytes[pos]! << 8) | bytes[pos + 1]!
  return (
    bytes[pos]! * 0x1000000 + ((bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!)
  )
}

/**
 * Position after the `count` msgpack values starting at `pos`, without decoding them.
 *
 * Iterative (a counter of pending values, no recursion), so any nesting depth is fine; a
 * container claiming more items than there are bytes left fails at once.
 */
export function skipValues(bytes: Uint8Array, pos: number, end: number, count = 1): number {
  let pending = count
  while (pending > 0) {
    if (pos >= end) throw new MsgpackError('a value is missing (truncated data)', pos)
    const b = bytes[pos]!
    pending--
    if (b < 0xc0) {
      if (b < 0x80) pos++
      else if (b < 0x90) {
        pending += (b & 0x0f) * 2
        pos++
      } else if (b < 0xa0) {
        pending += b & 0x0f
        pos++
      } else {
        pos += 1 + (b & 0x1f)
      }
    } else if (b >= 0xe0) pos++
    else {
      switch (b) {
        case 0xc0:
        case 0xc2:
        case 0xc3:
          pos++
          break
        case 0xc4:
        case 0xd9:
          need(pos, 2, end)
          pos += 2 + bytes[pos + 1]!
          break
        case 0xc5:
        case 0xda:
          need(pos, 3, end)
          pos += 3 + readUint(bytes, pos + 1, 2)
          break
        case 0xc6:
        case 0xdb:
          need(pos, 5, end)
          pos += 5 + readUint(bytes, pos + 1, 4)
          break
        case 0xc7:
          need(pos, 2, end)
          pos += 3 + bytes[pos + 1]!
          break
        case 0xc8:
          need(pos, 3, end)
          pos += 4 + readUint(bytes, pos + 1, 2)
          break
        case 0xc9:
          need(pos, 5, end)
          pos += 6 + readUint(bytes, pos + 1, 4)
          break
        case 0xca:
          pos += 5
          break
        case 0xcb:
          pos += 9
          break
        case 0xcc:
        case 0xd0:
          pos += 2
          break
        case 0xcd:
        case 0xd1:
          pos += 3
          break
        case 0xce:
        case 0xd2:
          pos += 5
          break
        case 0xcf:
        case 0xd3:
          pos += 9
          break
        case 0xd4:
          pos += 3
          break
        case 0xd5:
          pos += 4
          break
        case 0xd6:
          pos += 6
          break
        case 0xd7:
          pos += 10
          break
        case 0xd8:
          pos += 18
          break
        case 0xdc:
          need(pos, 3, end)
          pending += readUint(bytes, pos + 1, 2)
          pos += 3
          break
        case 0xdd:
          need(pos, 5, end)
          pending += readUint(bytes, pos + 1, 4)
          pos += 5
          break
        case 0xde:
          need(pos, 3, end)
          pending += readUint(bytes, pos + 1, 2) * 2
          pos += 3
          break
        case 0xdf:
          need(pos, 5, end)
          pending += readUint(bytes, pos + 1, 4) * 2
          pos += 5
          break
        default:
          throw new MsgpackError(`invalid msgpack type byte 0x${b.toString(16)}`, pos)
      }
    }
    // Every pending value needs at least one byte: a container that claims more is corrupt.
    if (pos > end || pending > end - pos) {
      throw new MsgpackError('a value runs past the end (truncated data or a bad length)', pos)
    }
  }
  return pos
}

/** A container's count and where its items start; `fix` is its fix-size tag, `wide` its 16-bit tag. */
function containerHeader(
  bytes: Uint8Array,
  pos: number,
  end: number,
  fix: number,
  wide: number,
): [number, number] | undefined {
  const t = bytes[pos]
  if (t === undefined || pos >= end) return undefined
  if (t >= fix && t <= fix + 0x0f) return [t & 0x0f, pos + 1]
  if (t !== wide && t !== wide + 1) return undefined
  const size = t === wide ? 2 : 4
  need(pos, 1 + size, end)
  return [readUint(bytes, pos + 1, size), pos + 1 + size]
}

/** The entry count of the map at `pos` and where its entries start, or undefined if no map. */
export function mapHeader(
  bytes: Uint8Array,
  pos: number,
  end: number,
): [number, number] | undefined {
  return containerHeader(bytes, pos, end, 0x80, 0xde)
}

/** The item count of the array at `pos` and where its items start, or undefined if no array. */
export function arrayHeader(
  bytes: Uint8Array,
  pos: number,
  end: number,
): [number, number] | undefined {
  return containerHeader(bytes, pos, end, 0x90, 0xdc)
}
