import {ApiError, toErrorEnvelope} from '../../../shared/api/errors'
import type {IndexProgress} from '../../../shared/project-index/index-types'
import type {BuildHooks} from './index-builder'
import type {
  FromIndexWorker,
  IndexEventMessage,
  IndexQuery,
  IndexWorkerInit,
  ToIndexWorker,
} from './index-protocol'
import {ProjectIndex} from './project-index'

/** How often at most progress and change events go out while a build runs (ms). */
const progressEveryMs = 100
const changedEveryMs = 250

/**
 * The project-index worker's brain, without the thread: answers ToIndexWorker messages with
 * FromIndexWorker ones through `send`. The worker entry wraps it around its port; the inline
 * host calls it directly. Queries are answered at once, even while a build runs (builds yield
 * between traces); builds answer when they end.
 */
export class IndexDispatcher {
  private readonly indexes = new Map<string, ProjectIndex>()

  constructor(
    private readonly init: IndexWorkerInit,
    private readonly send: (message: FromIndexWorker) => void,
  ) {}

  /** Handle one message; never throws (errors become error results). */
  handle(message: ToIndexWorker): void {
    const {id} = message
    const reply = (value: unknown) => this.send({type: 'result', id, ok: true, value})
    const fail = (error: unknown) => this.send({type: 'result', id, ...toErrorEnvelope(error)})
    try {
      switch (message.type) {
        case 'open':
          this.open(message.projectId, message.storePath)
          return reply(this.indexFor(message.projectId).status())
        case 'build':
          this.indexFor(message.projectId).build(this.hooks(message.projectId)).then(reply, fail)
          return
        case 'update':
          this.indexFor(message.projectId)
            .update(message.traceIds, this.hooks(message.projectId))
            .then(reply, fail)
          return
        case 'cancel':
          this.indexFor(message.projectId).cancel()
          return reply(undefined)
        case 'query':
          return reply(this.query(this.indexFor(message.projectId), message.query))
        case 'close': {
          const index = this.indexes.get(message.projectId)
          this.indexes.delete(message.projectId)
          if (!index) return reply(undefined)
          index.close().then(() => reply(undefined), fail)
          return
        }
        case 'dispose':
          this.dispose().then(() => reply(undefined), fail)
          return
      }
    } catch (error) {
      fail(error)
    }
  }

  /** Close every index (cancelling builds). */
  async dispose(): Promise<void> {
    const all = [...this.indexes.values()]
    this.indexes.clear()
    await Promise.all(all.map(index => index.close()))
  }

  private open(projectId: string, storePath: string): void {
    const existing = this.indexes.get(projectId)
    if (existing?.storePath === storePath) return
    // The project now names another store: its old index closes in the background.
    if (existing) void existing.close()
    const index = ProjectIndex.open({
      storePath,
      cacheDir: this.init.cacheDir,
      caps: this.init.caps,
      sliceMs: this.init.sliceMs,
      loadGate: this.init.loadGate,
    })
    this.indexes.set(projectId, index)
    for (const notice of index.status().notices) {
      if (notice.code === 'index-rebuilt') this.event({type: 'notice', projectId, notice})
    }
  }

  private indexFor(projectId: string): ProjectIndex {
    const index = this.indexes.get(projectId)
    if (!index) throw new ApiError('not-found', `No project index open for "${projectId}"`)
    return index
  }

  private query(index: ProjectIndex, query: IndexQuery): unknown {
    switch (query.name) {
      case 'overview':
        return index.overview()
      case 'overlap':
        return index.overlap(query.req)
      case 'lineMarks':
        return index.lineMarks(query.req)
      case 'history':
        return index.history(query.req)
      case 'search':
        return index.search(query.req)
      case 'status':
        return index.status()
    }
  }

  /** Build hooks that turn progress, notices and changes into (throttled) events. */
  private hooks(projectId: string): BuildHooks {
    let lastProgress = 0
    let pending: IndexProgress | undefined
    let changed = new Set<string>()
    let lastChanged = 0
    const flushChanged = () => {
      if (changed.size === 0) return
      this.event({type: 'changed', projectId, traceIds: [...changed]})
      changed = new Set()
      lastChanged = performance.now()
    }
    return {
      onProgress: progress => {
        pending = progress
        const now = performance.now()
        const final = progress.phase !== 'indexing'
        if (final) flushChanged()
        if (!final && now - lastProgress < progressEveryMs) return
        lastProgress = now
        this.event({type: 'progress', projectId, progress: pending})
      },
      onNotice: notice => this.event({type: 'notice', projectId, notice}),
      onChanged: traceIds => {
        for (const id of traceIds) changed.add(id)
        if (performance.now() - lastChanged >= changedEveryMs) flushChanged()
      },
    }
  }

  private event(message: IndexEventMessage): void {
    this.send(message)
  }
}
