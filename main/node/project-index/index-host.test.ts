import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {FIXTURES} from '../testing/fixtures'
import {createProjectIndexHost} from './index-host'
import type {ProjectIndexHost} from './index-host'
import type {IndexEventMessage} from './index-protocol'
import {bundleWorker} from '../testing/bundle-worker'

const STORE = `${FIXTURES}/bookshelf/app`
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-index-host-'))
afterAll(() => fs.rmSync(scratch, {recursive: true, force: true}))

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

function hostSuite(name: string, makeHost: (cacheDir: string) => ProjectIndexHost): void {
  describe(name, () => {
    let host: ProjectIndexHost
    const events: IndexEventMessage[] = []
    beforeAll(() => {
      host = makeHost(fs.mkdtempSync(path.join(scratch, 'cache-')))
      host.onEvent(e => events.push(e))
    })
    afterAll(() => host.dispose())

    it('builds in the background, answering queries meanwhile, with progress and changes', async () => {
      const opened = await host.open('p1', STORE)
      expect(opened).toMatchObject({indexed: 0, progress: {phase: 'idle'}})
      const order: string[] = []
      const built = host.build('p1').then(r => (order.push('build'), r))
      const status = host.query('p1', 'status', {}).then(s => (order.push('query'), s))
      const [result] = await Promise.all([built, status])
      expect(order).toEqual(['query', 'build'])
      expect(result).toMatchObject({phase: 'done', indexed: 15})
      const progress = events.filter(e => e.type === 'progress' && e.projectId === 'p1')
      expect(progress.at(-1)).toMatchObject({progress: {phase: 'done', done: 15, total: 15}})
      const changed = new Set(events.flatMap(e => (e.type === 'changed' ? e.traceIds : [])))
      expect(changed.size).toBe(15)
    })

    it('answers every query', async () => {
      const overview = await host.query('p1', 'overview', {})
      expect(new Set(overview.items.map(i => i.traceId)).size).toBe(15)
      const history = await host.query('p1', 'history', {
        qualname: 'shelf.models.Book.average_rating',
        limit: 2,
      })
      expect(history.calls.map(c => c.returnValue)).toEqual(['None', '5.0'])
      const found = await host.query('p1', 'search', {query: 'no books'})
      expect(found.groups.find(g => g.kind === 'exception')?.items[0]?.label).toBe(
        'ValueError: no books to summarise',
      )
      const overlap = await host.query('p1', 'overlap', {
        traceIds: ['trc_01M8AECR889F4M33DWTT69S3XG', 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'],
      })
      expect(overlap.traceCount).toBe(2)
      const marks = await host.query('p1', 'lineMarks', {file: 'shelf/models.py'})
      expect(marks.lines.find(l => l.line === 19)?.traces).toBe(3)
      expect(await host.update('p1', ['trc_01M8AECR889F4M33DWTT69S3XG'])).toMatchObject({
        indexed: 0,
        current: 1,
      })
    })

    it('says which project is not open, and refuses work once disposed', async () => {
      expect((await rejection(host.query('nope', 'overview', {}))).code).toBe('not-found')
      await host.close('p1')
      expect((await rejection(host.query('p1', 'status', {}))).code).toBe('not-found')
      await host.dispose()
      expect((await rejection(host.open('p1', STORE))).code).toBe('unavailable')
    })
  })
}

hostSuite('project index host, inline', cacheDir => createProjectIndexHost({cacheDir, sliceMs: 0}))

// The worker as scripts/build.mjs would build it, into the git-ignored .cache/.
const workerPath = path.join(root, '.cache/project-index-test/project-index-worker.mjs')
beforeAll(async () => {
  await bundleWorker(path.join(root, 'main/node/project-index/project-index-worker.ts'), workerPath)
}, 60_000)

hostSuite('project index host, worker', cacheDir =>
  createProjectIndexHost({cacheDir, workerPath, sliceMs: 0}),
)

describe('project index host, worker only', () => {
  it('reports a worker that cannot start', async () => {
    const host = createProjectIndexHost({
      cacheDir: scratch,
      workerPath: path.join(scratch, 'missing.mjs'),
    })
    expect((await rejection(host.open('p', STORE))).code).toBe('internal')
    await host.dispose()
  })
})
