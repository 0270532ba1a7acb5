import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {describe, expect, it, vi} from 'vitest'
import type {TraceEvents} from '../../../shared/api/contract'
import {decodeModel} from '../../../shared/api/model-codec'
import {FIXTURES} from '../testing/fixtures'
import {describeContract} from '../testing/service-contract-suite'
import {createTraceService, invokeApi} from './service'
import {fakeDeps} from '../testing/service-fakes'
import {projectIdFor} from '../projects/project-registry'

describeContract('the service, called directly', service =>
  Promise.resolve({client: service, close: () => Promise.resolve()}),
)

describe('createTraceService', () => {
  it('gives stable, opaque project ids', () => {
    expect(projectIdFor('/a/b')).toBe(projectIdFor('/a/b/'))
    expect(projectIdFor('/a/b')).not.toBe(projectIdFor('/a/c'))
    expect(projectIdFor('/a/b')).not.toContain('/')
  })

  it('closes its stores on dispose and refuses calls after', async () => {
    const deps = fakeDeps()
    const service = createTraceService({projectPaths: ['/x', '/y'], watch: false}, deps)
    const [x] = await service.listProjects({})
    await service.dispose()
    expect(deps.closed).toEqual(['/x', '/y'])
    const envelope = await invokeApi(service, 'loadTrace', {
      trace: {projectId: x!.id, traceId: 'trc_0'},
    })
    expect(envelope).toMatchObject({ok: false, error: {code: 'unavailable'}})
  })

  it('starts the trace host with the service when asked, else on the first request', async () => {
    const started: string[] = []
    const deps = (name: string) => {
      const fake = fakeDeps()
      const make = fake.createTraceHost
      fake.createTraceHost = options => {
        started.push(`${name}: created`)
        return {
          ...make(options),
          idle: () => {
            started.push(`${name}: idle`)
            return Promise.resolve()
          },
        }
      }
      return fake
    }
    const eager = createTraceService(
      {projectPaths: ['/x'], watch: false, startHost: true},
      deps('eager'),
    )
    const lazy = createTraceService({projectPaths: ['/y'], watch: false}, deps('lazy'))
    expect(started).toEqual(['eager: created', 'eager: idle'])
    const [y] = await lazy.listProjects({})
    await lazy.loadTrace({trace: {projectId: y!.id, traceId: 'trc_0'}})
    expect(started).toEqual(['eager: created', 'eager: idle', 'lazy: created'])
    // The eager host is the one its requests use: no second host.
    const [x] = await eager.listProjects({})
    await eager.loadTrace({trace: {projectId: x!.id, traceId: 'trc_0'}})
    expect(started.filter(s => s.startsWith('eager: created'))).toHaveLength(1)
    await Promise.all([eager.dispose(), lazy.dispose()])
  })

  it('wraps unexpected errors as internal envelopes', async () => {
    const deps = fakeDeps()
    deps.openStore = () => {
      throw new Error('boom')
    }
    const service = createTraceService({projectPaths: ['/z'], watch: false}, deps)
    const [z] = await service.listProjects({})
    expect(z?.error).toBe('/z: boom')
    expect(await invokeApi(service, 'listTraces', {projectId: z!.id})).toEqual({
      ok: false,
      error: {code: 'bad-store', message: '/z: boom'},
    })
  })

  it('serves the source of a file the loaded trace names, and only those', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'kx-src-'))
    try {
      mkdirSync(path.join(tmp, 'books'))
      writeFileSync(path.join(tmp, 'books', 'views.py'), 'def book_list(request):\n    pass\n')
      const service = createTraceService(
        {projectPaths: [tmp], watch: false, settingsDir: path.join(tmp, 'settings')},
        fakeDeps(),
      )
      const [project] = await service.listProjects({})
      const req = {trace: {projectId: project!.id, traceId: 'trc_0'}}
      // Not loaded yet: the service loads it quietly to learn its files.
      const source = await service.getSource({...req, fileId: 1})
      expect(source).toMatchObject({
        status: 'ok',
        recordedPath: 'books/views.py',
        language: 'python',
      })
      expect(source.text).toContain('def book_list')
      await expect(service.getSource({...req, fileId: 0})).rejects.toMatchObject({
        code: 'forbidden',
      })
      await expect(service.getSource({...req, fileId: -1})).rejects.toMatchObject({
        code: 'bad-request',
      })
      await service.dispose()
    } finally {
      rmSync(tmp, {recursive: true, force: true})
    }
  })
})

const bookshelf = path.join(FIXTURES, 'bookshelf/app')

describe('the service on a real store', () => {
  it('lists, loads, details and sources the bookshelf fixture', async () => {
    const settingsDir = mkdtempSync(path.join(tmpdir(), 'kx-settings-'))
    const service = createTraceService({
      projectPaths: [bookshelf],
      watch: false,
      settingsDir,
      cacheDir: settingsDir,
    })
    try {
      const [project] = await service.listProjects({})
      expect(project).toMatchObject({format: 'kolo-2', traceCount: 15})
      expect(project?.error).toBeUndefined()
      const page = await service.listTraces({projectId: project!.id, limit: 20})
      const trace = page.traces.find(t => t.method === 'GET' && t.path === '/')!
      const req = {trace: {projectId: project!.id, traceId: trace.id}}
      const progress: TraceEvents['traceLoadProgressed'][] = []
      service.on('traceLoadProgressed', p => progress.push(p))
      const model = decodeModel(await service.loadTrace(req))
      expect(model.nodeCount).toBeGreaterThan(10)
      expect(progress.length).toBeGreaterThan(0)
      const frame = [...Array(model.nodeCount).keys()].find(i => model.kind[i] === 0)!
      const details = await service.getNodeDetails({...req, nodeId: frame})
      expect(details.kind).toBe('frame')
      const source = await service.getSource({...req, fileId: model.fileId[frame]!})
      expect(source).toMatchObject({status: 'ok', language: 'python'})
    } finally {
      await service.dispose()
      rmSync(settingsDir, {recursive: true, force: true})
    }
  })

  it('serves two traces of two projects side by side, each on its own', async () => {
    const settingsDir = mkdtempSync(path.join(tmpdir(), 'kx-settings-'))
    const v3 = path.join(FIXTURES, 'bookshelf-v3')
    const service = createTraceService({
      projectPaths: [bookshelf, v3],
      watch: false,
      settingsDir,
      cacheDir: settingsDir,
    })
    try {
      const [a, b] = await service.listProjects({})
      const list = (await service.listTraces({projectId: a!.id, limit: 20})).traces
      const get = list.find(t => t.name === '200 GET /')!
      const failed = list.find(t => t.name === '500 POST /import/')!
      // The same ids live in both stores; each ref names its own project's trace.
      const refA = {projectId: a!.id, traceId: get.id}
      const refB = {projectId: b!.id, traceId: failed.id}
      // Two panes of one page: each names its own load, so neither cancels the other.
      const [modelA, modelB] = await Promise.all([
        service.loadTrace({trace: refA, client: 'page-1/left'}).then(decodeModel),
        service.loadTrace({trace: refB, client: 'page-1/right'}).then(decodeModel),
      ])
      expect([modelA.meta.name, modelB.meta.name]).toEqual(['200 GET /', '500 POST /import/'])
      expect([modelA.meta.format, modelB.meta.format]).toEqual(['msgpack-c2', 'kolo-v3'])
      // Interleaved questions about both: nothing about the last load leaks into the other.
      const [insightsB, insightsA] = await Promise.all([
        service.getTraceInsights({trace: refB}),
        service.getTraceInsights({trace: refA}),
      ])
      expect(insightsA.exceptions).toHaveLength(0)
      expect(insightsB.exceptions).toHaveLength(1)
      expect(insightsA.sql.analysis.nPlusOne.length).toBeGreaterThan(0)
      const rootA = await service.getNodeDetails({trace: refA, nodeId: 0})
      const rootB = await service.getNodeDetails({trace: refB, nodeId: 0})
      expect([rootA.name, rootB.name]).toEqual(['GET /', 'POST /import/'])
      // Each source resolves against its own project: A holds the app's code, B (the v3 store) not.
      const viewsA = modelA.strings.indexOf('shelf/views.py')
      const fileA = await service.getSource({trace: refA, fileId: viewsA})
      expect(fileA).toMatchObject({status: 'ok', localPath: path.join(bookshelf, 'shelf/views.py')})
      const servicesB = modelB.strings.indexOf('shelf/services.py')
      const fileB = await service.getSource({trace: refB, fileId: servicesB})
      expect(fileB.status).toBe('not-found')
      expect(fileB.tried?.[0]).toBe(path.join(v3, 'shelf/services.py'))
      // An id that is a file in B is not a file of A unless A references that path too.
      await expect(
        service.getSource({trace: refA, fileId: modelA.strings.length + 5}),
      ).rejects.toMatchObject({code: 'forbidden'})
    } finally {
      await service.dispose()
      rmSync(settingsDir, {recursive: true, force: true})
    }
  })

  it('reports traces deleted from a watched store', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'kx-watch-'))
    mkdirSync(path.join(tmp, '.kolo'))
    const db = path.join(tmp, '.kolo', 'db.sqlite3')
    copyFileSync(path.join(bookshelf, '.kolo', 'db.sqlite3'), db)
    const service = createTraceService({projectPaths: [tmp], cacheDir: path.join(tmp, 'cache')})
    try {
      const [project] = await service.listProjects({})
      const removed: string[] = []
      const changed: string[] = []
      service.on('traceRemoved', e => removed.push(...e.traceIds))
      service.on('projectChanged', e => changed.push(e.projectId))
      const {traces} = await service.listTraces({projectId: project!.id, limit: 1})
      const writer = new Database(db)
      writer.prepare('DELETE FROM traces WHERE id = ?').run(traces[0]!.id)
      writer.close()
      await vi.waitFor(() => expect(removed).toEqual([traces[0]!.id]), {timeout: 5000})
      expect(changed).toContain(project!.id)
    } finally {
      await service.dispose()
      rmSync(tmp, {recursive: true, force: true})
    }
  })
})
