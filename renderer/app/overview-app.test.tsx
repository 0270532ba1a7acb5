// @vitest-environment jsdom
import {cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {ProjectOverview} from '../../shared/project-index/index-types'
import {stubLayout} from '../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {djangoTraceModel} from '../testing/fake-trace'
import {renderWithStore} from '../testing/render-app'
import {App} from './app'

beforeAll(() => stubLayout(700))
afterEach(cleanup)

const overview: ProjectOverview = {
  items: [
    {
      traceId: 't1',
      nodeId: 0,
      kind: 'request',
      startMs: 1000,
      endMs: 1042,
      label: 'GET /books/',
      status: 200,
      endpoint: 'GET /books/',
      error: false,
      nested: false,
    },
  ],
  endpoints: [],
  status: {
    progress: {phase: 'done', done: 1, total: 1, failed: 0},
    indexed: 1,
    failed: 0,
    notices: [],
  },
}

function setUp() {
  const api = createFakeClient({
    traces: {p1: [fakeSummary('t1', {method: 'GET', path: '/books/', status: 200})]},
    models: {t1: djangoTraceModel('t1')},
    overrides: {getProjectOverview: () => Promise.resolve(overview)},
  })
  return renderWithStore(<App />, api)
}

describe('the project overview in the app', () => {
  it('is what opening a project shows; Escape from a trace goes back to it; a view tab returns', async () => {
    const {store} = setUp()
    await store.getState().start()
    expect(await screen.findByTestId('overview')).toBeTruthy()
    expect(screen.getByTestId('tab-overview').getAttribute('aria-selected')).toBe('true')

    fireEvent.click((await screen.findAllByTestId('trace-row'))[0]!)
    await waitFor(() => expect(document.body.dataset.traceReady).toBe('t1'))
    expect(screen.queryByTestId('overview')).toBeNull()
    expect(screen.getByTestId('tab-overview').getAttribute('aria-selected')).toBe('false')

    fireEvent.click(screen.getAllByTestId('tree-row')[1]!)
    fireEvent.keyDown(window, {key: 'Escape'})
    expect(store.getState().selectedNodeId).toBeUndefined()
    expect(store.getState().selectedTraceId).toBe('t1')
    fireEvent.keyDown(window, {key: 'Escape'})
    expect(await screen.findByTestId('overview')).toBeTruthy()
    expect(screen.getByTestId('details').dataset.kind).toBe('overview')

    fireEvent.click(screen.getByTestId('tab-flame'))
    expect(store.getState().selectedTraceId).toBe('t1')
    expect(store.getState().activeView).toBe('flame')
  })

  it('opens the palette with Ctrl+K and shows the overview from it', async () => {
    const {store} = setUp()
    await store.getState().start()
    store.getState().selectTrace('p1', 't1')
    fireEvent.keyDown(window, {key: 'k', ctrlKey: true})
    const input = await screen.findByTestId('palette-input')
    fireEvent.change(input, {target: {value: 'project overview'}})
    await waitFor(() =>
      expect(screen.getAllByTestId('palette-option')[0]!.textContent).toContain(
        'Go to the project overview',
      ),
    )
    fireEvent.keyDown(input, {key: 'Enter'})
    expect(store.getState().selectedTraceId).toBeUndefined()
    expect(await screen.findByTestId('overview')).toBeTruthy()
  })
})
