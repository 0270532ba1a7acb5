import {ApiError} from '../../../shared/api/errors'
import type {ThreadInfo} from '../../../shared/model/trace-model'
import type {DecodedThread, DecodedTrace} from './decoded-trace'

/** The thread key that asks for every thread, each under a synthetic thread root. */
export const ALL_THREADS = '*'

/** The threads a build shows, and the key it reports. */
export function pickThreads(
  decoded: DecodedTrace,
  thread: string | undefined,
): {threads: DecodedThread[]; key: string} {
  if (thread === ALL_THREADS) return {threads: decoded.threads, key: ALL_THREADS}
  if (thread !== undefined) {
    const found = decoded.threads.find(t => t.key === thread)
    if (!found) {
      throw new ApiError('not-found', `Trace ${decoded.traceId} has no thread "${thread}"`)
    }
    return {threads: [found], key: found.key}
  }
  const main = decoded.threads.find(t => t.key === decoded.mainThreadKey)
  const othersHaveRecords = decoded.threads.some(t => t !== main && t.records.length > 0)
  if (main && (main.records.length > 0 || !othersHaveRecords)) {
    return {threads: [main], key: main.key}
  }
  // No main thread with records (a recovered container without metadata): show every thread.
  if (decoded.threads.length === 1) return {threads: decoded.threads, key: decoded.threads[0]!.key}
  if (decoded.threads.length === 0) return {threads: [], key: decoded.mainThreadKey}
  return {threads: decoded.threads, key: ALL_THREADS}
}

/** The trace's threads for TraceMeta. */
export function threadInfos(decoded: DecodedTrace): ThreadInfo[] {
  return decoded.threads.map(t => ({
    key: t.key,
    name: t.name,
    recordCount: t.records.length,
    isMain: t.key === decoded.mainThreadKey,
  }))
}
