import {describe, expect, it, vi} from 'vitest'
import {describeContract} from './service-contract-suite'
import {createTraceService, invokeApi} from './service'
import {fakeDeps} from './service-fakes'
import {projectIdFor} from './projects'

// TODO(service): drop once main/node/store and main/node/model/trace-host land.
vi.mock('./model/trace-host', () => ({createTraceHost: () => undefined}))

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
})
