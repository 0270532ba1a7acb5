import type {RecordTable} from './decoded-trace'
import {readContents, readerSource, skimSpans} from './kolo-v3'
import {emptyTable} from './map-table'
import type {KoloMap} from './py-objects'
import {SkimContext} from './skim-context'
import type {ByteReader} from './v3-scan'

/** One thread of a container outline: how many frames, and its first and last chunk's. */
export interface OutlineThread {
  key: string
  info: KoloMap
  total: number
  first: RecordTable
  last: RecordTable
}

/**
 * What a trace list needs of a container, without reading its frames: the top-level fields, and
 * per thread its frame count and the frames of its first and last chunk (where a request, a test
 * and the first and last timestamps are). Reads a few record headers and two chunks per thread.
 */
export function readV3Outline(
  reader: ByteReader,
  source: string,
): {top: KoloMap; threads: OutlineThread[]; recovered: boolean} {
  const {contents, top, recovered, perToken, unchecked} = readContents(reader, false)
  const ctx = new SkimContext(
    reader.window(0, 0),
    source,
    contents.values,
    undefined,
    readerSource(reader),
  )
  const progress = {bytesRead: 0, bytesTotal: 0}
  const threads = perToken.map(({key, info, spans}): OutlineThread => {
    const total = spans.reduce((n, s) => n + s.count, 0)
    if (spans.length === 0) return {key, info, total, first: emptyTable, last: emptyTable}
    const first = skimSpans(ctx, reader, spans.slice(0, 1), progress, () => {}, unchecked).finish()
    const last =
      spans.length === 1
        ? first
        : skimSpans(ctx, reader, spans.slice(-1), progress, () => {}, unchecked).finish()
    return {key, info, total, first, last}
  })
  return {top, threads, recovered}
}
