const decoder = new TextDecoder('utf-8')

/**
 * The UTF-8 text of `bytes[start, end)`; invalid sequences become U+FFFD.
 *
 * Short ASCII strings (keys, ids, paths: most of a trace) skip TextDecoder's call overhead.
 */
export function utf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start
  if (length <= 0) return ''
  if (length <= 48) {
    let ascii = true
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false
        break
      }
    }
    if (ascii) {
      return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[])
    }
  }
  return decoder.decode(bytes.subarray(start, end))
}
