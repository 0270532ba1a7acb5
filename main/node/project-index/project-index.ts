import {LoadGate} from '../decode/load-gate'
import type Database from 'better-sqlite3'
import {ApiError} from '../../../shared/api/errors'
import type {
  FunctionHistory,
  IndexNotice,
  IndexProgress,
  IndexStatus,
  LineMarks,
  PaletteResult,
  ProjectOverlap,
  ProjectOverview,
} from '../../../shared/project-index/index-types'
import {openStore} from '../store'
import type {KoloStore} from '../store'
import {syncIndex} from './index-builder'
import type {BuildHooks, BuildResult} from './index-builder'
import {
  closeIndexFile,
  deleteIndexFiles,
  indexFileFor,
  isCorruption,
  openIndexFile,
} from './index-file'
import {IndexWriter} from './index-writer'
import {functionHistory} from './history-queries'
import type {HistoryRequest} from './history-queries'
import {lineMarks, overlap} from './overlap-queries'
import type {Selection} from './overlap-queries'
import {OverviewCache} from './overview-cache'
import {paletteSearch} from './palette-queries'
import type {PaletteRequest} from './palette-queries'
import {Statements} from './statements'
import type {IndexCaps} from './trace-facts'

/** Options of ProjectIndex.open. */
export interface ProjectIndexOptions {
  /** The project as openStore takes it: a folder holding `.kolo/`, a db.sqlite3, a trace file. */
  storePath: string
  /** The user cache folder (`$XDG_CACHE_HOME/kolo-explorer`); the index goes in `project-index/`. */
  cacheDir: string
  caps?: IndexCaps
  /** Work per slice of a build before yielding to the event loop (ms, default 10). */
  sliceMs?: number
  /** A LoadGate's buffer: a build waits while a trace the user opened loads. */
  loadGate?: SharedArrayBuffer
}

/**
 * The index of one project: built from its store in the background, queried by the overview,
 * overlap, history and palette. Synchronous queries (prepared statements); builds are async and
 * yield between traces, so queries run while a build goes on. Builds and updates run one at a
 * time, in the order asked.
 *
 * The index is a cache: a damaged file (found when opened, or by a query or write) is deleted
 * and rebuilt, and the user's store is only ever read.
 */
export class ProjectIndex {
  private db: Database.Database
  private writer: IndexWriter
  private statements: Statements
  private store: KoloStore | undefined
  private readonly notices: IndexNotice[] = []
  private readonly overviews = new OverviewCache()
  private progress: IndexProgress = {phase: 'idle', done: 0, total: 0, failed: 0}
  private queue: Promise<unknown> = Promise.resolve()
  private cancelGeneration = 0
  private closed = false

  private constructor(
    private readonly options: ProjectIndexOptions,
    readonly file: string,
  ) {
    const opened = openIndexFile(file, options.storePath)
    this.db = opened.db
    this.writer = new IndexWriter(this.db)
    this.statements = new Statements(this.db)
    if (opened.rebuiltBecause !== undefined) this.rebuiltNotice(opened.rebuiltBecause)
  }

  /** The store this index is of, as given. */
  get storePath(): string {
    return this.options.storePath
  }

  /** Open (or create) the index of a project. Throws only when the cache folder is unwritable. */
  static open(options: ProjectIndexOptions): ProjectIndex {
    return new ProjectIndex(options, indexFileFor(options.cacheDir, options.storePath))
  }

  /**
   * Bring the whole index up to date with the store (see syncIndex); resolves when done,
   * cancelled, or stopped by a missing store. Queued behind any running build.
   */
  build(hooks: BuildHooks = {}): Promise<BuildResult> {
    return this.enqueue(hooks, undefined)
  }

  /** Index just these traces (added, changed or removed in the store: a watch event). */
  update(traceIds: readonly string[], hooks: BuildHooks = {}): Promise<BuildResult> {
    return this.enqueue(hooks, traceIds)
  }

  /** Stop the running build and those queued before now; what is indexed stays. */
  cancel(): void {
    this.cancelGeneration++
  }

  /** The timeline, the endpoint table and the index's status. */
  overview(): ProjectOverview {
    return this.read(() => {
      // While a build runs the overview changes with every trace: not worth storing.
      const persist = this.progress.phase !== 'indexing'
      const data = this.overviews.get(this.db, this.statements, persist)
      return {...data, status: this.statusNow()}
    })
  }

  /** Where the selected traces (default: all) overlap in code. */
  overlap(req: Selection & {limit?: number}): ProjectOverlap {
    return this.read(() => overlap(this.statements, req, req.limit))
  }

  /** "Ran in N of M" per line of a file. */
  lineMarks(req: Selection & {file: string}): LineMarks {
    return this.read(() => lineMarks(this.statements, req.file, req))
  }

  /** The last calls of a function across the project. */
  history(req: HistoryRequest): FunctionHistory {
    return this.read(() => functionHistory(this.statements, req))
  }

  /** The palette's grouped results. */
  search(req: PaletteRequest): PaletteResult {
    return this.read(() => paletteSearch(this.statements, req))
  }

  /** Build progress, counts and notices. */
  status(): IndexStatus {
    return this.read(() => this.statusNow())
  }

  /** Stop building, close the store and the index (marked clean). */
  async close(): Promise<void> {
    if (this.closed) return
    this.cancel()
    this.closed = true
    await this.queue.catch(() => undefined)
    this.store?.close()
    closeIndexFile(this.db)
  }

  private statusNow(): IndexStatus {
    const counts = this.statements
      .get(
        `SELECT count(*) FILTER (WHERE error IS NULL) AS indexed,
          count(*) FILTER (WHERE error IS NOT NULL) AS failed FROM traces`,
      )
      .get() as {indexed: number; failed: number}
    const failures = this.statements
      .get(
        `SELECT trace_id AS traceId, error FROM traces WHERE error IS NOT NULL
        ORDER BY created_ms DESC LIMIT 100`,
      )
      .all() as {traceId: string; error: string}[]
    const notices: IndexNotice[] = [
      ...this.notices,
      ...failures.map((f): IndexNotice => ({
        level: 'warning',
        code: 'trace-failed',
        message: f.error,
        traceId: f.traceId,
      })),
    ]
    return {progress: {...this.progress}, ...counts, notices}
  }

  private enqueue(hooks: BuildHooks, only: readonly string[] | undefined): Promise<BuildResult> {
    const generation = this.cancelGeneration
    const run = async (): Promise<BuildResult> => {
      if (this.closed) throw new ApiError('unavailable', `${this.file}: the index is closed`)
      const isCancelled = () =>
        this.closed || this.cancelGeneration !== generation || hooks.isCancelled?.() === true
      return this.sync(hooks, only, isCancelled)
    }
    const job = this.queue.then(run, run)
    this.queue = job.catch(() => undefined)
    return job
  }

  private async sync(
    hooks: BuildHooks,
    only: readonly string[] | undefined,
    isCancelled: () => boolean,
  ): Promise<BuildResult> {
    this.dropNotices('store-missing', 'build-failed')
    const store = this.openStore(hooks)
    if (!store) return {phase: 'store-missing', indexed: 0, failed: 0, removed: 0, current: 0}
    const track: BuildHooks = {
      ...hooks,
      isCancelled,
      onProgress: p => {
        this.progress = p
        hooks.onProgress?.(p)
      },
      onNotice: n => {
        if (n.code !== 'trace-failed') this.notices.push(n)
        hooks.onNotice?.(n)
      },
    }
    // A query may find the index damaged and replace it while this build waits between traces:
    // the build then stops, and the rebuild that replacement queued carries on.
    const writer = this.writer
    try {
      const result = await syncIndex(writer, store, track, {
        caps: this.options.caps,
        only,
        sliceMs: this.options.sliceMs,
        gate: this.options.loadGate && new LoadGate(this.options.loadGate),
      })
      if (result.phase === 'store-missing') this.dropStore()
      // Ready for the next session: the overview is stored with the index.
      if (result.phase === 'done' && !this.closed) this.overview()
      return result
    } catch (error) {
      if (writer !== this.writer) {
        return {phase: 'cancelled', indexed: 0, failed: 0, removed: 0, current: 0}
      }
      if (isCorruption(error)) {
        this.recover(String((error as Error).message), false)
        hooks.onNotice?.(this.notices[this.notices.length - 1]!)
        return this.sync(hooks, undefined, isCancelled)
      }
      const notice: IndexNotice = {
        level: 'error',
        code: 'build-failed',
        message: `Indexing ${this.options.storePath} failed: ${(error as Error).message}`,
      }
      this.notices.push(notice)
      hooks.onNotice?.(notice)
      this.progress = {...this.progress, phase: 'failed'}
      hooks.onProgress?.(this.progress)
      return {phase: 'failed', indexed: 0, failed: 0, removed: 0, current: 0}
    }
  }

  private openStore(hooks: BuildHooks): KoloStore | undefined {
    if (this.store) return this.store
    try {
      this.store = openStore(this.options.storePath, {cacheDir: this.options.cacheDir})
      return this.store
    } catch (error) {
      const notice: IndexNotice = {
        level: 'error',
        code: 'store-missing',
        message: `${(error as Error).message}; the index keeps what it has`,
      }
      this.notices.push(notice)
      hooks.onNotice?.(notice)
      this.progress = {phase: 'store-missing', done: 0, total: 0, failed: 0}
      hooks.onProgress?.(this.progress)
      return undefined
    }
  }

  private dropStore(): void {
    this.store?.close()
    this.store = undefined
  }

  /** Run a query; a damaged index is deleted and made afresh (empty until rebuilt). */
  private read<T>(query: () => T): T {
    if (this.closed) throw new ApiError('unavailable', `${this.file}: the index is closed`)
    try {
      return query()
    } catch (error) {
      if (!isCorruption(error)) throw error
      this.recover(String((error as Error).message), true)
      throw new ApiError(
        'bad-store',
        `${this.file}: the project index was damaged and is being rebuilt; ask again shortly`,
      )
    }
  }

  /** Replace a damaged index with an empty one, and (when asked) start filling it again. */
  private recover(why: string, rebuild: boolean): void {
    try {
      this.db.close()
    } catch {
      // Already unusable.
    }
    deleteIndexFiles(this.file)
    const opened = openIndexFile(this.file, this.options.storePath)
    this.db = opened.db
    this.writer = new IndexWriter(this.db)
    this.statements = new Statements(this.db)
    this.overviews.clear()
    this.rebuiltNotice(`it is damaged (${why})`)
    if (rebuild && !this.closed) void this.build()
  }

  private rebuiltNotice(why: string): void {
    this.notices.push({
      level: 'info',
      code: 'index-rebuilt',
      message: `The project index ${this.file} was rebuilt: ${why}`,
    })
  }

  private dropNotices(...codes: IndexNotice['code'][]): void {
    for (let i = this.notices.length - 1; i >= 0; i--) {
      if (codes.includes(this.notices[i]!.code)) this.notices.splice(i, 1)
    }
  }
}
