// @vitest-environment jsdom
import {cleanup, fireEvent, screen, within} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {FunctionHistory as History} from '../../../shared/project-index/index-types'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {FunctionHistory} from './function-history'
import {HistoryPane} from './history-sections'

afterEach(cleanup)

const history: History = {
  qualname: 'shelf.models.Book.average_rating',
  file: 'shelf/models.py',
  line: 19,
  totalCalls: 9,
  medianNs: 1e6,
  p95Ns: 1.4e6,
  typicalReturn: 'None',
  calls: [
    {
      traceId: 't2',
      traceName: '200 GET /',
      nodeId: 3,
      startMs: 2000,
      durationNs: 9e6,
      args: 'self=<Book: Book object (1)>',
      returnValue: '4.33',
      outliers: ['slow', 'unusual-return'],
    },
    {
      traceId: 't2',
      traceName: '200 GET /',
      nodeId: 2,
      startMs: 1990,
      durationNs: 1e6,
      args: 'self=<Book: Book object (2)>',
      returnValue: 'None',
      outliers: [],
    },
    {
      traceId: 't1',
      traceName: '500 GET /stats/',
      nodeId: 1,
      startMs: 1000,
      durationNs: 1e6,
      args: 'self=<Book: Book object (3)>',
      exception: 'ZeroDivisionError: division by zero',
      outliers: ['exception'],
    },
  ],
}

// The trace t2: the request, then the call of average_rating the history names (rows 0…3).
const t2 = buildFakeModel('t2', [
  {
    name: 'GET /',
    kind: 'request',
    children: [{name: 'a'}, {name: 'b'}, {name: 'shelf.models.Book.average_rating'}],
  },
])

function setUp() {
  const asked: unknown[] = []
  const api = createFakeClient({
    traces: {p1: [fakeSummary('t2'), fakeSummary('t1')]},
    models: {t2},
    overrides: {
      getFunctionHistory: req => {
        asked.push(req)
        return Promise.resolve(history)
      },
    },
  })
  return {api, asked}
}

describe('FunctionHistory', () => {
  it('lists each call newest first with its arguments and its return value or exception', async () => {
    const {api, asked} = setUp()
    renderWithStore(
      <FunctionHistory
        projectId="p1"
        qualname={history.qualname}
        file="shelf/models.py"
        limit={20}
      />,
      api,
    )
    const rows = await screen.findAllByTestId('history-call')
    expect(asked).toEqual([
      {projectId: 'p1', qualname: history.qualname, file: 'shelf/models.py', limit: 20},
    ])
    expect(rows).toHaveLength(3)
    expect(within(rows[0]!).getByTestId('history-return').textContent).toBe('→ 4.33')
    expect(rows[0]!.textContent).toContain('self=<Book: Book object (1)>')
    expect(within(rows[2]!).getByTestId('history-raised').textContent).toContain(
      'ZeroDivisionError: division by zero',
    )
    expect(screen.getByTestId('function-history').textContent).toContain(
      '9 calls across the project, the last 3 listed',
    )
  })

  it('marks outliers with words, not colour alone', async () => {
    renderWithStore(<FunctionHistory projectId="p1" qualname={history.qualname} />, setUp().api)
    const rows = await screen.findAllByTestId('history-call')
    expect(rows[0]!.textContent).toContain('slow')
    expect(rows[0]!.textContent).toContain('unusual return')
    expect(rows[1]!.dataset.outliers).toBe('')
    expect(rows[2]!.textContent).toContain('raised')
  })

  it('opens the execution of a row: its trace, then its node in the frame view', async () => {
    const {store} = renderWithStore(
      <FunctionHistory projectId="p1" qualname={history.qualname} />,
      setUp().api,
    )
    await store.getState().start()
    const rows = await screen.findAllByTestId('history-call')
    fireEvent.click(within(rows[0]!).getByTestId('history-open'))
    expect(store.getState().selectedTraceId).toBe('t2')
    await expect.poll(() => store.getState().selectedNodeId).toBe(3)
    expect(store.getState().activeView).toBe('frame')
  })

  it('compares two chosen calls, the older as the reference', async () => {
    const {store} = renderWithStore(
      <FunctionHistory projectId="p1" qualname={history.qualname} />,
      setUp().api,
    )
    const rows = await screen.findAllByTestId('history-call')
    const compare = screen.getByTestId<HTMLButtonElement>('history-compare')
    expect(compare.disabled).toBe(true)
    fireEvent.click(within(rows[0]!).getByRole('checkbox'))
    fireEvent.click(within(rows[2]!).getByRole('checkbox'))
    expect(compare.disabled).toBe(false)
    fireEvent.click(compare)
    expect(store.getState().comparison).toEqual({
      a: {projectId: 'p1', traceId: 't1'},
      b: {projectId: 'p1', traceId: 't2'},
      roots: {a: 1, b: 3},
    })
  })

  it("shows the overview's chosen function in the side pane", async () => {
    const {store} = renderWithStore(<HistoryPane />, setUp().api)
    expect(screen.getByTestId('details').textContent).toContain('Ctrl+K')
    await store.getState().start('p1')
    store.getState().showHistory({projectId: 'p1', qualname: history.qualname})
    expect(await screen.findAllByTestId('history-call')).toHaveLength(3)
  })
})
