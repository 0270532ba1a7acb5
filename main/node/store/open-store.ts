import path from 'node:path'
import {DbStore} from './db-store'
import {FileStore} from './file-store'
import {locate} from './locate'
import {SummaryCache, defaultCacheDir} from './summary-cache'
import {defaultSummaryBodyLimit} from './types'
import type {KoloStore, OpenStoreOptions} from './types'

/**
 * Open a Kolo store read-only: a project folder holding `.kolo/`, a `.kolo` folder, a
 * `db.sqlite3`, or one trace file (v3 `.kolo`, msgpack or JSON dump, gzip), told apart by content.
 *
 * Nothing in the store's folder is ever created or changed (see ReadOnlyDb). Throws ApiError:
 * 'not-found' (no such path, or a folder without a Kolo store), 'bad-store' (not SQLite, corrupt,
 * not Kolo's tables, not a trace file).
 */
export function openStore(inputPath: string, options: OpenStoreOptions = {}): KoloStore {
  const abs = path.resolve(inputPath)
  const located = locate(abs)
  const cache = new SummaryCache(abs, options.cacheDir ?? defaultCacheDir())
  const bigBytes = options.summaryBodyLimit ?? defaultSummaryBodyLimit
  if (located.kind === 'file') {
    const store = new FileStore(located.file, located.sourceRoot, located.label, cache, bigBytes)
    store.validate()
    return store
  }
  const {sourceRoot, label, location, relocate} = located
  const store = new DbStore(abs, sourceRoot, label, location, relocate, cache, bigBytes)
  try {
    store.validate()
  } catch (error) {
    store.close()
    throw error
  }
  return store
}
