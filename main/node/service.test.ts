import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {describeContract} from './service-contract-suite'
import {createTraceService, invokeApi} from './service'
import {fakeDeps} from './service-fakes'
import {projectIdFor} from './projects'

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
    const envelope = await invokeApi(service, 'loadTrace', {projectId: x!.id, traceId: 'trc_0'})
    expect(envelope).toMatchObject({ok: false, error: {code: 'unavailable'}})
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
      const req = {projectId: project!.id, traceId: 'trc_0'}
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
