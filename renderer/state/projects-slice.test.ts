import {describe, expect, it} from 'vitest'
import type {SettingsInfo} from '../../shared/api/projects-contract'
import {ApiError} from '../../shared/api/errors'
import type {ProjectSummary} from '../../shared/model/trace-summary'
import {buildFakeModel} from '../testing/fake-model'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {createAppStore} from './app-store'
import {selectedTraceStatus} from './selectors'

const settle = (ms = 10) => new Promise(r => setTimeout(r, ms))

const settings = (extra: Partial<SettingsInfo> = {}): SettingsInfo => ({
  theme: 'system',
  followLatest: false,
  projects: [],
  file: '/home/u/.config/kolo-explorer/settings.json',
  host: 'serve',
  warnings: [],
  ...extra,
})

function client(initial: SettingsInfo = settings()) {
  let saved = initial
  const projects: ProjectSummary[] = [
    {id: 'p1', path: '/src/a', label: 'a', format: 'kolo-2', traceCount: 2},
  ]
  const api = createFakeClient({
    projects,
    traces: {p1: [fakeSummary('t2'), fakeSummary('t1')], p2: []},
    models: {
      t1: buildFakeModel('t1', [{name: 'root'}]),
      t3: buildFakeModel('t3', [{name: 'root'}]),
    },
    overrides: {
      getSettings: () => Promise.resolve(saved),
      updateSettings: patch => Promise.resolve((saved = {...saved, ...patch})),
      openProject: ({path}) => {
        if (!path.startsWith('/')) {
          return Promise.reject(new ApiError('bad-request', `"${path}": not an absolute path`))
        }
        const p = {id: 'p2', path, label: 'b', format: 'kolo-3', traceCount: 0}
        projects.push(p)
        return Promise.resolve(p)
      },
      closeProject: ({projectId}) => {
        projects.splice(
          projects.findIndex(p => p.id === projectId),
          1,
        )
        return Promise.resolve()
      },
      findProjects: ({root}) =>
        Promise.resolve({
          root,
          truncated: false,
          projects: [{path: `${root}/x`, label: 'x', format: 'kolo-2'}],
        }),
    },
  })
  return api
}

describe('projects slice', () => {
  it('loads the settings on start and saves a change', async () => {
    const api = client()
    const store = createAppStore(api)
    await store.getState().start()
    await settle()
    expect(store.getState().settings?.theme).toBe('system')
    await store.getState().updateSettings({theme: 'light'})
    expect(store.getState().settings?.theme).toBe('light')
    api.emit('settingsChanged', settings({theme: 'dark'}))
    expect(store.getState().settings?.theme).toBe('dark')
  })

  it('opens a typed path and shows it; a refused one is a notice', async () => {
    const api = client()
    const store = createAppStore(api)
    await store.getState().start()
    expect(await store.getState().openProjectPath('/src/b')).toBe(true)
    expect(store.getState().selectedProjectId).toBe('p2')
    expect(store.getState().projects.map(p => p.id)).toEqual(['p1', 'p2'])
    expect(await store.getState().openProjectPath('b')).toBe(false)
    expect(store.getState().notice).toEqual({kind: 'error', message: '"b": not an absolute path'})
  })

  it('closes the shown project and shows another', async () => {
    const api = client()
    const store = createAppStore(api)
    await store.getState().start()
    await store.getState().openProjectPath('/src/b')
    await store.getState().closeProject('p2')
    expect(store.getState().projects.map(p => p.id)).toEqual(['p1'])
    expect(store.getState().selectedProjectId).toBe('p1')
  })

  it('finds projects below a folder', async () => {
    const store = createAppStore(client())
    await store.getState().findProjects('/src')
    expect(store.getState().findStatus).toMatchObject({
      state: 'done',
      result: {projects: [{path: '/src/x'}]},
    })
  })

  it('marks new traces, and follows the latest when asked', async () => {
    const api = client(settings({followLatest: true}))
    const store = createAppStore(api)
    await store.getState().start()
    await settle()
    api.emit('traceAdded', {projectId: 'p1', traceIds: ['t3']})
    expect(store.getState().freshTraceIds).toEqual(['t3'])
    expect(store.getState().selectedTraceId).toBe('t3')
    await settle()
    expect(selectedTraceStatus(store.getState())).toEqual({
      state: 'ready',
      trace: {projectId: 'p1', traceId: 't3'},
    })
    // Another project's trace is marked, never followed.
    api.emit('traceAdded', {projectId: 'p9', traceIds: ['t9']})
    expect(store.getState().selectedTraceId).toBe('t3')
  })

  it('does not follow when the setting is off; turning it on jumps to the newest', async () => {
    const api = client()
    const store = createAppStore(api)
    await store.getState().start()
    await settle()
    api.emit('traceAdded', {projectId: 'p1', traceIds: ['t3']})
    expect(store.getState().selectedTraceId).toBeUndefined()
    store.getState().toggleFollowLatest()
    expect(store.getState().settings?.followLatest).toBe(true)
    expect(store.getState().selectedTraceId).toBe('t2')
  })

  it('refetches a list once for a traceAdded and its projectChanged', async () => {
    const api = client()
    const store = createAppStore(api)
    await store.getState().start()
    const before = api.calls.filter(c => c.method === 'listTraces').length
    api.emit('traceAdded', {projectId: 'p1', traceIds: ['t3']})
    api.emit('projectChanged', {projectId: 'p1'})
    await settle()
    expect(api.calls.filter(c => c.method === 'listTraces').length - before).toBe(1)
  })
})
