import {ApiError} from '../../../shared/api/errors'
import {encodeModel} from '../../../shared/api/model-codec'
import type {NodeDetails} from '../../../shared/model/node-details'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import type {HostHandle, TraceServiceDeps} from '../service/service'
import type {LoadProgress, TraceOp, TraceOpArgs, TraceOpResult} from '../trace-host'
import type {StoreHandle} from '../projects/project-registry'

/**
 * Fake stores and a fake trace host for the service and transport tests.
 *
 * A path containing "broken" fails to open, as a corrupt store does; any other path opens as a
 * store of `traceCount` traces named trc_0 … trc_{n-1}, newest first.
 */
export function fakeDeps(traceCount = 3): TraceServiceDeps & {closed: string[]} {
  const closed: string[] = []
  return {
    closed,
    openStore: storePath => {
      if (storePath.includes('broken')) {
        throw new ApiError('bad-store', `${storePath}: file is not a database`)
      }
      return fakeStore(storePath, traceCount, closed)
    },
    createTraceHost: () => fakeHost(traceCount),
  }
}

function fakeStore(storePath: string, traceCount: number, closed: string[]): StoreHandle {
  const traces: TraceSummary[] = Array.from({length: traceCount}, (_, i) => ({
    id: `trc_${i}`,
    name: `200 GET /books/${i}/`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, traceCount - i)).toISOString(),
    kind: 'request',
    storage: 'sqlite-msgpack',
    method: 'GET',
    path: `/books/${i}/`,
    status: 200,
    durationMs: 10 + i,
    recordCount: 2,
  }))
  return {
    path: storePath,
    sourceRoot: storePath,
    format: 'kolo-2',
    label: 'fake',
    listTraces: ({offset = 0, limit = 100} = {}) => ({
      traces: traces.slice(offset, offset + limit),
      total: traces.length,
      offset,
    }),
    traceIds: () => traces.map(t => t.id),
    traceStamps: () =>
      traces.map(t => ({id: t.id, createdAtMs: Date.parse(t.createdAt), changeKey: 'fake'})),
    readTraceBody: traceId => {
      throw new ApiError('not-found', `${storePath}: no trace ${traceId} (fake store)`)
    },
    locateTraceBody: traceId => {
      throw new ApiError('not-found', `${storePath}: no trace ${traceId} (fake store)`)
    },
    rememberSummary: () => undefined,
    watchPaths: () => [],
    close: () => void closed.push(storePath),
  }
}

function fakeHost(traceCount: number): HostHandle {
  const known = (traceId: string) => {
    const n = Number(/^trc_(\d+)$/.exec(traceId)?.[1] ?? NaN)
    if (!(n >= 0 && n < traceCount)) throw new ApiError('not-found', `No trace "${traceId}"`)
  }
  const load = async ({traceId}: {traceId: string}, onProgress: (p: LoadProgress) => void) => {
    known(traceId)
    onProgress({bytesRead: 50, bytesTotal: 100, records: 1})
    await Promise.resolve()
    onProgress({bytesRead: 100, bytesTotal: 100, records: 2, fraction: 1})
    return encodeModel(fakeModel(traceId))
  }
  return {
    load,
    // A one-node trace is whole at once: its preview is the model.
    loadPreview: load,
    cancelLoad: () => false,
    ask: async <Op extends TraceOp>(
      op: Op,
      {traceId}: {traceId: string},
      args: TraceOpArgs<Op>,
    ): Promise<TraceOpResult<Op>> => {
      await Promise.resolve()
      known(traceId)
      return fakeAnswer(op, args) as TraceOpResult<Op>
    },
    dispose: () => Promise.resolve(),
  }
}

// The one-node trace's answers: node 0 is a frame in file 1 (books/views.py).
function fakeAnswer(op: TraceOp, args: unknown): unknown {
  const {nodeId, fileId, frameId} = args as {nodeId?: number; fileId?: number; frameId?: string}
  if (op === 'details') {
    if (nodeId !== 0) throw new ApiError('not-found', `No node ${nodeId}`)
    const details: NodeDetails = {
      nodeId,
      kind: 'frame',
      name: 'books.views.book_list',
      coName: 'book_list',
      startNs: 0,
      endNs: 1000,
    }
    return details
  }
  if (op === 'file') return fileId === 1 ? 'books/views.py' : undefined
  if (op === 'findFrame') return frameId === 'frm_0' ? 0 : -1
  throw new ApiError('unavailable', `The fake trace host does not answer "${op}"`)
}

/** A one-node model: a frame `books.views.book_list` of 1 µs. */
export function fakeModel(traceId: string): TraceModel {
  return {
    traceId,
    nodeCount: 1,
    kind: Uint8Array.of(0),
    flags: Uint8Array.of(0),
    depth: Uint16Array.of(0),
    parent: Int32Array.of(-1),
    size: Uint32Array.of(1),
    startNs: Float64Array.of(0),
    endNs: Float64Array.of(1000),
    nameId: Uint32Array.of(0),
    fileId: Int32Array.of(1),
    line: Uint32Array.of(3),
    callLine: Uint32Array.of(0),
    strings: ['books.views.book_list', 'books/views.py'],
    meta: {
      traceId,
      name: 'GET /books/',
      startedAtMs: 0,
      durationNs: 1000,
      recordCount: 2,
      format: 'msgpack-c2',
      threads: [{key: 'main', name: 'MainThread', recordCount: 2, isMain: true}],
      threadKey: 'main',
      recovered: false,
      warnings: [],
    },
  }
}
