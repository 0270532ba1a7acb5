import {ApiError} from '../../../shared/api/errors'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {isoFromMs} from './created-at'
import {summarizeBody, summarizeContainerFile, summarizeHead} from './summarize-body'
import type {SummaryCache, CachedSummary} from './summary-cache'
import {summaryKey} from './summary-cache'
import type {TraceBody, TraceRef} from './types'

/** The default page size of listTraces. */
export const defaultPageSize = 100

/** Clamp a requested page to the list: offset in [0, total], limit ≥ 1 (default 100). */
export function pageBounds(
  total: number,
  page?: {offset?: number; limit?: number},
): [number, number] {
  const offset = Math.min(Math.max(0, Math.floor(page?.offset ?? 0)), total)
  const limit = Math.max(1, Math.floor(page?.limit ?? defaultPageSize))
  return [offset, Math.min(total, offset + limit)]
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** How summarizeRef reaches a body. */
export interface BodyAccess {
  readBody: (ref: TraceRef) => TraceBody
  /** The v3 container file of a ref, when its body is one (read by outline when big). */
  containerFile: (ref: TraceRef) => string | undefined
  /** A big body's first bytes, when they can be read alone (a blob read from the file). */
  headOf?: (ref: TraceRef) => {bytes: Uint8Array; source: string} | undefined
  /** Bodies this big or bigger are not read whole for a row. */
  bigBytes: number
}

/**
 * The list row of one trace: from the cache, else by reading and decoding its body once.
 *
 * A body of `bigBytes` or more is not read for a row: a v3 container gives its outline, a blob
 * read from the file its first MB (summarizeHead), anything else lists from the index; either
 * way the row is `partial`, and loading the trace (which reads it anyway) completes it through
 * the shared cache (KoloStore.rememberSummary).
 *
 * A body that cannot be decoded still lists, with `error`; that verdict is cached with the body's
 * size, so a rewritten body is tried again. A body that cannot be read (deleted meanwhile, a lock)
 * is not cached: the next listing tries again.
 */
export function summarizeRef(ref: TraceRef, cache: SummaryCache, access: BodyAccess): TraceSummary {
  const key = summaryKey(ref.id, ref.sizeBytes, ref.mtimeMs)
  let cached = cache.get(key)
  if (!cached && ref.sizeBytes !== undefined && ref.sizeBytes >= access.bigBytes) {
    const file = access.containerFile(ref)
    cached = {fields: {...fallbackFields(ref), partial: true}}
    if (file) {
      try {
        cached = {fields: summarizeContainerFile(file).fields}
      } catch {
        // Its metadata does not read: the index's row will do until the trace is opened.
      }
    } else {
      try {
        const head = access.headOf?.(ref)
        const fields = head && summarizeHead(head.bytes, head.source)?.fields
        if (fields) cached = {fields: {...fields, partial: true}}
      } catch {
        // The index's row, until the trace is opened.
      }
    }
    cache.set(key, cached)
  }
  if (!cached) {
    const readBody = access.readBody
    let body: TraceBody | undefined
    try {
      body = readBody(ref)
    } catch (error) {
      return toSummary(ref, {fields: fallbackFields(ref), error: messageOf(error)})
    }
    try {
      cached = {fields: summarizeBody(body).fields}
    } catch (error) {
      const message =
        error instanceof ApiError ? error.message : `${body.source}: ${messageOf(error)}`
      cached = {fields: fallbackFields(ref), error: message}
    }
    cache.set(key, cached)
  }
  return toSummary(ref, cached)
}

function fallbackFields(ref: TraceRef): CachedSummary['fields'] {
  return {name: ref.autoName ?? ref.id, kind: 'script'}
}

function toSummary(ref: TraceRef, cached: CachedSummary): TraceSummary {
  const summary: TraceSummary = {
    ...cached.fields,
    id: ref.id,
    name: cached.fields.name || ref.autoName || ref.id,
    createdAt: isoFromMs(ref.createdAtMs),
    storage: ref.storage,
  }
  if (ref.sizeBytes !== undefined) summary.sizeBytes = ref.sizeBytes
  if (cached.error !== undefined) summary.error = cached.error
  return summary
}
