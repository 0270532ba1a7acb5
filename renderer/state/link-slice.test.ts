import {describe, expect, it} from 'vitest'
import {ApiError} from '../../shared/api/errors'
import {buildFakeModel} from '../testing/fake-model'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {createAppStore} from './app-store'

const settle = () => new Promise(r => setTimeout(r, 10))

function linkClient() {
  return createFakeClient({
    projects: [
      {id: 'p1', path: '/a', label: 'a', format: 'kolo-2', traceCount: 1},
      {id: 'p2', path: '/b', label: 'b', format: 'kolo-2', traceCount: 1},
    ],
    traces: {p2: [fakeSummary('t9')]},
    models: {t9: buildFakeModel('t9', [{name: 'root', children: [{name: 'view'}]}])},
    overrides: {
      openLink: ({link}) =>
        link.includes('missing')
          ? Promise.resolve({projectId: 'p2', missing: 'Trace t0 is not in /b'})
          : Promise.resolve({projectId: 'p2', traceId: 't9', frameId: 'frm_1'}),
      findFrame: ({frameId}) =>
        frameId === 'frm_1'
          ? Promise.resolve({nodeId: 1})
          : Promise.reject(new ApiError('not-found', `No frame ${frameId}`)),
    },
  })
}

describe('links', () => {
  it('opens the project, the trace and the frame a link names', async () => {
    const store = createAppStore(linkClient())
    await store.getState().openLink('kolo-explorer://open?project=/b&trace=t9&frame=frm_1')
    const s = store.getState()
    expect(s.selectedProjectId).toBe('p2')
    expect(s.selectedTraceId).toBe('t9')
    expect(s.selectedNodeId).toBe(1)
    expect(s.activeView).toBe('frame')
  })

  it('shows what is missing, and links opened from outside arrive as events', async () => {
    const api = linkClient()
    const store = createAppStore(api)
    await store.getState().openLink('kolo-explorer://open?project=/b&trace=missing')
    expect(store.getState().notice).toEqual({kind: 'error', message: 'Trace t0 is not in /b'})
    store.getState().dismissNotice()
    api.emit('openRefused', {input: '/etc/passwd', reason: 'not a Kolo store'})
    expect(store.getState().notice?.message).toBe('Could not open /etc/passwd: not a Kolo store')
    api.emit('linkOpened', {projectId: 'p2', traceId: 't9'})
    await settle()
    expect(store.getState().selectedTraceId).toBe('t9')
  })

  it('says so when the frame is not in the trace', async () => {
    const store = createAppStore(linkClient())
    await store.getState().showOpenedLink({projectId: 'p2', traceId: 't9', frameId: 'frm_x'})
    expect(store.getState().notice?.message).toBe('No frame frm_x')
  })

  it('opens a comparison link in the diff view: two traces, or two executions by frame id', async () => {
    const store = createAppStore(linkClient())
    const a = {projectId: 'p1', traceId: 't1'}
    const b = {projectId: 'p2', traceId: 't9'}
    await store.getState().showOpenedLink({projectId: 'p1', comparison: {a, b}})
    expect(store.getState().comparison).toEqual({a, b})
    expect(store.getState().activeView).toBe('diff')
    expect(store.getState().selectedProjectId).toBe('p1')
    await store.getState().showOpenedLink({
      projectId: 'p1',
      comparison: {a: {...a, nodeId: 4}, b: {...b, frameId: 'frm_1'}},
    })
    expect(store.getState().comparison).toEqual({a, b, roots: {a: 4, b: 1}})
  })

  it('says so when a comparison link names a frame that is not there', async () => {
    const store = createAppStore(linkClient())
    const comparison = {
      a: {projectId: 'p1', traceId: 't1', frameId: 'frm_x'},
      b: {projectId: 'p2', traceId: 't9', frameId: 'frm_1'},
    }
    await store.getState().showOpenedLink({projectId: 'p1', comparison})
    expect(store.getState().notice?.message).toBe('No frame frm_x')
    expect(store.getState().comparison).toBeUndefined()
  })
})
