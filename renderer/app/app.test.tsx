// @vitest-environment jsdom
import {cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {stubLayout} from '../testing/dom-setup'
import {djangoTraceModel, fakeDetails} from '../testing/fake-trace'
import {renderWithStore} from '../testing/render-app'
import {App} from './app'

beforeAll(() => stubLayout(700))
afterEach(cleanup)

const model = djangoTraceModel('t1')
const traces = {
  p1: [
    fakeSummary('t1', {method: 'GET', path: '/books/', status: 200, durationMs: 42, queryCount: 3}),
    fakeSummary('t2', {name: 'BookTests.test_list', kind: 'test'}),
  ],
}

describe('App', () => {
  it('lists traces, opens one, shows its tree and a node’s details', async () => {
    const api = createFakeClient({
      traces,
      models: {t1: model},
      details: (_t, id) => fakeDetails(model, id),
    })
    const {store} = renderWithStore(<App />, api)
    await store.getState().start()
    const rows = await screen.findAllByTestId('trace-row')
    expect(rows.map(r => r.dataset.traceId)).toEqual(['t1', 't2'])
    expect(rows[0]!.textContent).toContain('/books/')
    expect(rows[0]!.textContent).toContain('3 queries')

    fireEvent.click(rows[0]!)
    await waitFor(() => expect(document.body.dataset.traceReady).toBe('t1'))
    expect(screen.getAllByTestId('tree-row')).toHaveLength(8)
    expect(screen.getByTestId('tab-tree').getAttribute('aria-selected')).toBe('true')

    fireEvent.click(screen.getAllByTestId('tree-row')[3]!)
    await waitFor(() => expect(screen.getByTestId('details').dataset.kind).toBe('sql'))
    await waitFor(() => expect(screen.getByTestId('details').textContent).toContain('Rows'))
  })

  it('opens a trace from the keyboard and shows a failed load as an error', async () => {
    const api = createFakeClient({traces, models: {t1: model}})
    const {store} = renderWithStore(<App />, api)
    await store.getState().start()
    const list = (await screen.findAllByTestId('trace-row'))[0]!.closest('[role="listbox"]')!
    fireEvent.keyDown(list, {key: 'ArrowDown'})
    fireEvent.keyDown(list, {key: 'ArrowDown'})
    fireEvent.keyDown(list, {key: 'Enter'})
    expect(store.getState().selectedTraceId).toBe('t2')
    const error = await screen.findByTestId('error')
    expect(error.textContent).toContain('No trace t2')
  })

  it('switches views with the tabs and the number keys', async () => {
    const api = createFakeClient({traces, models: {t1: model}})
    const {store} = renderWithStore(<App />, api)
    await store.getState().start()
    fireEvent.click(screen.getByTestId('tab-graph'))
    expect(store.getState().activeView).toBe('graph')
    fireEvent.keyDown(window, {key: '1'})
    expect(store.getState().activeView).toBe('tree')
  })
})
