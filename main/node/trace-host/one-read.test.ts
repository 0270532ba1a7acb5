import fs from 'node:fs'
import path from 'node:path'
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {writeKolo3Store} from '../kolo-writer/kolo3-store'
import {openStore} from '../store'
import {summarizeTrace} from '../summary/summarize'
import {decodeExact} from '../testing/exact-decoder'
import {FIXTURES} from '../testing/fixtures'
import {tempDir} from '../testing/store-helpers'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {TraceEngine} from './trace-engine'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})
afterEach(() => {
  vi.restoreAllMocks()
})
const scratch = (prefix: string): string => {
  const dir = tempDir(prefix)
  dirs.push(dir)
  return dir
}

/** Bytes read from `file` while the spies are on. */
function countReads(file: string): () => number {
  const fds = new Set<number>()
  let bytes = 0
  const open = fs.openSync
  const read = fs.readSync
  // Node's readFileSync opens and reads through these too: whole-file reads count as well.
  vi.spyOn(fs, 'openSync').mockImplementation((p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (open as (...a: unknown[]) => number)(p, ...rest)
    if (String(p) === file) fds.add(fd)
    return fd
  })
  vi.spyOn(fs, 'readSync').mockImplementation((fd: number, ...rest: unknown[]) => {
    const n = (read as (...a: unknown[]) => number)(fd, ...rest)
    if (fds.has(fd)) bytes += n
    return n
  })
  return () => bytes
}

describe('one read per trace: the list never decodes a big body the load reads again', () => {
  it('lists a big 3.x trace from its outline, completes the row from the load, reads it once', () => {
    const root = scratch('kolo-one-read-')
    const trace = decodeExact(syntheticC2Trace({records: 30_000})) as Map<string, unknown>
    const traceId = trace.get('trace_id') as string
    writeKolo3Store(root, [trace], {chunkBytes: 64 * 1024})
    const raw = path.join(root, '.kolo', '.internal', 'raw', `${traceId}.kolo`)
    const size = fs.statSync(raw).size
    const cacheDir = scratch('kolo-one-read-cache-')
    const limit = 1024 * 1024
    expect(size).toBeGreaterThan(3 * limit)

    const whole = summarizeTrace(decodeTraceBody(fs.readFileSync(raw), {source: raw}))
    const bytesRead = countReads(raw)
    const store = openStore(root, {cacheDir, summaryBodyLimit: limit})
    const [partial] = store.listTraces().traces
    expect(partial).toMatchObject({id: traceId, name: 'fib', recordCount: 30_000, partial: true})
    expect(partial?.queryCount).toBeUndefined()
    const listed = bytesRead()
    expect(listed).toBeLessThan(size / 10)

    const worker = new TraceEngine({cacheDir, summaryBodyLimit: limit})
    worker.load({storePath: root, traceId})
    worker.settle()
    worker.close()
    const [full] = store.listTraces().traces
    const total = bytesRead()
    vi.restoreAllMocks()
    // The list row is now the whole body's summary, from the load's pass.
    expect(full).toMatchObject({...whole, id: traceId})
    expect(full?.partial).toBeUndefined()
    expect(full?.queryCount).toBe(0)
    // List, load, list: the body was read about once (chunk headers and the outline aside).
    expect(total).toBeGreaterThan(size)
    expect(total).toBeLessThan(size * 1.25)
    store.close()

    // After a restart, the model comes from the cache: the body is not read at all.
    const again = countReads(raw)
    const restarted = new TraceEngine({cacheDir, summaryBodyLimit: limit})
    restarted.load({storePath: root, traceId})
    expect(restarted.modelCache?.stats.hits).toBe(1)
    expect(again()).toBe(0)
    restarted.close()
  })

  it('lists a big 2.x row from the index alone, and completes it once the trace is loaded', () => {
    const storePath = `${FIXTURES}/bookshelf/app`
    const cacheDir = scratch('kolo-one-read-cache-')
    const store = openStore(storePath, {cacheDir, summaryBodyLimit: 1})
    const rows = store.listTraces({limit: 50}).traces
    expect(rows.every(r => r.partial && r.name === r.id && r.error === undefined)).toBe(true)
    const id = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
    const worker = new TraceEngine({cacheDir, summaryBodyLimit: 1})
    worker.load({storePath, traceId: id})
    worker.close()
    const after = store.listTraces({limit: 50}).traces
    expect(after.find(r => r.id === id)).toMatchObject({
      name: '500 POST /import/',
      status: 500,
      kind: 'request',
    })
    expect(after.find(r => r.id === id)?.partial).toBeUndefined()
    expect(after.filter(r => r.partial)).toHaveLength(rows.length - 1)
    store.close()
  })
})
