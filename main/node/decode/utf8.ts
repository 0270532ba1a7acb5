const decoder = new TextDecoder('utf-8')

type Sliceable = Uint8Array & {utf8Slice?: (start: number, end: number) => string}

/** A Buffer view of the same bytes (no copy): Buffer's native slicing decodes fastest. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The UTF-8 text of `bytes[start, end)`; invalid sequences become U+FFFD. */
export function utf8(bytes: Uint8Array, start: number, end: number): string {
  if (end <= start) return ''
  const slice = (bytes as Sliceable).utf8Slice
  if (typeof slice === 'function') return slice.call(bytes, start, end)
  return decoder.decode(bytes.subarray(start, end))
}
