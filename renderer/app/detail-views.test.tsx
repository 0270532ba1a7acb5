// @vitest-environment jsdom
import {act, cleanup, screen, waitFor} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import {DetailsPanel} from '../features/details/details-panel'
import {selectedTraceStatus} from '../state/selectors'
import {createFakeClient} from '../testing/fake-client'
import {djangoTraceModel, fakeDetails} from '../testing/fake-trace'
import {renderWithStore} from '../testing/render-app'
import {detailViews} from './detail-views'

afterEach(cleanup)

const model = djangoTraceModel('t1')

async function showNode(nodeId: number | undefined) {
  const api = createFakeClient({models: {t1: model}, details: (_t, id) => fakeDetails(model, id)})
  const r = renderWithStore(<DetailsPanel views={detailViews} />, api)
  act(() => r.store.getState().selectTrace('p1', 't1'))
  await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
  act(() => r.store.getState().selectNode(nodeId))
  const panel = await screen.findByTestId('details')
  return {...r, panel}
}

// Node ids of djangoTraceModel: 0 request, 1-2 frames, 3 sql, 4 template, 5 log, 6 outbound, 7 exception.
describe('DetailsPanel with the details view of each kind', () => {
  it('shows the trace overview when no node is selected', async () => {
    const {panel} = await showNode(undefined)
    expect(panel.dataset.kind).toBe('trace')
    expect(panel.textContent).toContain('GET /books/')
    expect(panel.textContent).toContain('sql')
  })

  it.each([
    [0, 'request', ['/books/', 'Request headers', '"books"']],
    [
      2,
      'frame',
      ['Arguments', 'request', "<WSGIRequest: GET '/books/'>", 'filters', 'Return value'],
    ],
    [3, 'sql', ['SELECT', 'Parameters', 'title', "'Dune'"]],
    [4, 'template', ['books/list.html', 'Context']],
    [5, 'log', ['WARNING', 'books.views', 'Slow cover API: %s', '1.5']],
    [6, 'outbound', ['https://api.example.com/covers', '503', 'down']],
    [7, 'exception', ['ValueError: bad page', 'Traceback', 'book_list']],
  ])('node %i shows %s details', async (nodeId, kind, texts) => {
    const {panel} = await showNode(nodeId)
    expect(panel.dataset.kind).toBe(kind)
    await waitFor(() => expect(panel.querySelector('.details-sections')).toBeTruthy())
    for (const t of texts) expect(panel.textContent).toContain(t)
  })

  it('shows a clear error when the details cannot be fetched', async () => {
    const api = createFakeClient({models: {t1: model}})
    const r = renderWithStore(<DetailsPanel views={detailViews} />, api)
    act(() => r.store.getState().selectTrace('p1', 't1'))
    await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
    act(() => r.store.getState().selectNode(3))
    const error = await screen.findByTestId('error')
    expect(error.textContent).toContain('No node 3 in trace t1')
  })
})
