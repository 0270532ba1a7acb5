import {Worker} from 'node:worker_threads'
import {ApiError, unwrap} from '../../../shared/api/errors'
import type {IndexStatus} from '../../../shared/project-index/index-types'
import type {BuildResult} from './index-builder'
import {IndexDispatcher} from './index-dispatcher'
import type {
  FromIndexWorker,
  IndexEventMessage,
  IndexQueries,
  IndexQuery,
  IndexQueryName,
  IndexWorkerInit,
  ToIndexWorker,
} from './index-protocol'

/** The project indexes, run in a worker thread (or inline), behind promises and events. */
export interface ProjectIndexHost {
  /** Open (or create) a project's index; a damaged or stale file is rebuilt (a notice says so). */
  open(projectId: string, storePath: string): Promise<IndexStatus>
  /** Bring the index up to date with the store; resolves when that build ends. */
  build(projectId: string): Promise<BuildResult>
  /** Index just these traces (a watch event's added/removed ids, or changed ones). */
  update(projectId: string, traceIds: string[]): Promise<BuildResult>
  /** Stop the running build (what is indexed stays). */
  cancel(projectId: string): Promise<void>
  /** One query (see IndexQueries), answered even while a build runs. */
  query<N extends IndexQueryName>(
    projectId: string,
    name: N,
    req: IndexQueries[N]['req'],
  ): Promise<IndexQueries[N]['res']>
  /** Close a project's index. */
  close(projectId: string): Promise<void>
  /** Progress, notices and changes of every project; returns the unsubscribe. */
  onEvent(listener: (event: IndexEventMessage) => void): () => void
  /** Close every index and stop the worker; pending requests reject. */
  dispose(): Promise<void>
}

/** Options of createProjectIndexHost. */
export interface ProjectIndexHostOptions extends IndexWorkerInit {
  /** The built worker (dist/main/project-index-worker.js); without it the host runs inline. */
  workerPath?: string
}

/** Create the host: a worker thread when `workerPath` is given, else in this thread. */
export function createProjectIndexHost(options: ProjectIndexHostOptions): ProjectIndexHost {
  const {workerPath, ...init} = options
  return new IndexHost(
    workerPath === undefined ? inlineChannel(init) : workerChannel(workerPath, init),
  )
}

/** Where messages go and come from: a worker's port, or a dispatcher in this thread. */
interface Channel {
  post(message: ToIndexWorker): void
  listen(receive: (message: FromIndexWorker) => void, lost: (why: string) => void): void
  /** Keep the process alive while requests are pending (a worker), or not. */
  busy(isBusy: boolean): void
  stop(): Promise<void>
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

class IndexHost implements ProjectIndexHost {
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<(event: IndexEventMessage) => void>()
  private nextId = 1
  private disposed = false

  constructor(private readonly channel: Channel) {
    channel.listen(
      message => this.receive(message),
      why => this.failAll(new ApiError('internal', why)),
    )
  }

  open(projectId: string, storePath: string): Promise<IndexStatus> {
    return this.request(id => ({type: 'open', id, projectId, storePath})) as Promise<IndexStatus>
  }

  build(projectId: string): Promise<BuildResult> {
    return this.request(id => ({type: 'build', id, projectId})) as Promise<BuildResult>
  }

  update(projectId: string, traceIds: string[]): Promise<BuildResult> {
    return this.request(id => ({type: 'update', id, projectId, traceIds})) as Promise<BuildResult>
  }

  async cancel(projectId: string): Promise<void> {
    await this.request(id => ({type: 'cancel', id, projectId}))
  }

  query<N extends IndexQueryName>(
    projectId: string,
    name: N,
    req: IndexQueries[N]['req'],
  ): Promise<IndexQueries[N]['res']> {
    const query = {name, req} as IndexQuery
    return this.request(id => ({type: 'query', id, projectId, query})) as Promise<
      IndexQueries[N]['res']
    >
  }

  async close(projectId: string): Promise<void> {
    await this.request(id => ({type: 'close', id, projectId}))
  }

  onEvent(listener: (event: IndexEventMessage) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    try {
      await this.request(id => ({type: 'dispose', id}))
    } catch {
      // A lost worker has nothing left to close.
    }
    this.disposed = true
    this.failAll(new ApiError('unavailable', 'The project index was shut down'))
    await this.channel.stop()
  }

  private request(message: (id: number) => ToIndexWorker): Promise<unknown> {
    if (this.disposed) {
      return Promise.reject(new ApiError('unavailable', 'The project index was shut down'))
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject})
      this.channel.busy(true)
      this.channel.post(message(id))
    })
  }

  private receive(message: FromIndexWorker): void {
    if (message.type !== 'result') {
      for (const listener of this.listeners) {
        try {
          listener(message)
        } catch {
          // One failing listener must not stop the others.
        }
      }
      return
    }
    const p = this.pending.get(message.id)
    if (!p) return
    this.pending.delete(message.id)
    if (this.pending.size === 0) this.channel.busy(false)
    try {
      p.resolve(unwrap(message))
    } catch (error) {
      p.reject(error)
    }
  }

  private failAll(error: ApiError): void {
    const all = [...this.pending.values()]
    this.pending.clear()
    for (const p of all) p.reject(error)
  }
}

function workerChannel(workerPath: string, init: IndexWorkerInit): Channel {
  let worker: Worker | undefined
  let receiveFn: (message: FromIndexWorker) => void = () => undefined
  let lostFn: (why: string) => void = () => undefined
  const ensure = (): Worker => {
    if (worker) return worker
    const w = new Worker(workerPath, {workerData: init})
    w.on('message', (message: FromIndexWorker) => receiveFn(message))
    const lose = (why: string) => {
      if (worker !== w) return
      worker = undefined
      lostFn(`${workerPath}: ${why}`)
    }
    w.on('error', error => lose(`the project-index worker failed: ${error.message}`))
    w.on('exit', code => lose(`the project-index worker exited (code ${code})`))
    worker = w
    return w
  }
  return {
    post: message => ensure().postMessage(message),
    listen: (receive, lost) => {
      receiveFn = receive
      lostFn = lost
    },
    busy: isBusy => (isBusy ? worker?.ref() : worker?.unref()),
    stop: async () => {
      const w = worker
      worker = undefined
      if (w) await w.terminate()
    },
  }
}

// The same dispatcher in this thread; each message is handled in its own macrotask, as a
// worker would, so callers never see a result before their call returned.
function inlineChannel(init: IndexWorkerInit): Channel {
  let receiveFn: (message: FromIndexWorker) => void = () => undefined
  const dispatcher = new IndexDispatcher(init, message => receiveFn(message))
  return {
    post: message => void setImmediate(() => dispatcher.handle(message)),
    listen: receive => {
      receiveFn = receive
    },
    busy: () => undefined,
    stop: () => dispatcher.dispose(),
  }
}
