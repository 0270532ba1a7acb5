// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, within} from '@testing-library/react'
import {afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest'
import type {
  EndpointStats,
  IndexStatus,
  ProjectOverlap,
  ProjectOverview,
  TimelineItem,
} from '../../../shared/project-index/index-types'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient} from '../../testing/fake-client'
import type {FakeClient} from '../../testing/fake-client'
import {RecordingContext} from '../../testing/recording-context'
import {renderWithStore} from '../../testing/render-app'
import {OverviewView} from './overview-view'

class Recorder extends RecordingContext {
  stroke(): void {}
  moveTo(): void {}
  lineTo(): void {}
  setLineDash(): void {}
  createPattern(): undefined {
    return undefined
  }
}

const item = (
  traceId: string,
  startMs: number,
  label: string,
  endpoint: string,
  status = 200,
): TimelineItem => ({
  traceId,
  nodeId: 0,
  kind: 'request',
  startMs,
  endMs: startMs + 5,
  label,
  status,
  endpoint,
  error: status >= 500,
  nested: false,
})

const detail = 'GET /books/<int:book_id>/'
const reviews = 'POST /books/<int:book_id>/reviews/'
const items: TimelineItem[] = [
  item('t1', 1000, 'GET /books/1/', detail),
  item('t2', 1003, 'GET /books/99/', detail, 404),
  item('t3', 1100, 'POST /books/1/reviews/', reviews, 302),
  item('t4', 1200, 'POST /books/2/reviews/', reviews, 400),
]
const endpoint = (name: string, route: string, count: number): EndpointStats => ({
  endpoint: name,
  method: name.split(' ')[0],
  route,
  routeSource: 'pattern',
  count,
  p50Ms: 5,
  p95Ms: 6,
  maxMs: 7,
  queriesPerRequest: 1.5,
  errors: 0,
  nPlusOne: name === detail ? 1 : 0,
  series: [
    {startMs: 1000, durationMs: 5},
    {startMs: 1003, durationMs: 7},
  ],
  lastMs: 1003,
})
const status = (
  phase: IndexStatus['progress']['phase'],
  done: number,
  total: number,
): IndexStatus => ({
  progress: {phase, done, total, failed: 0},
  indexed: done,
  failed: 0,
  notices: [],
})
const overlap: ProjectOverlap = {
  traceCount: 2,
  functions: {
    shared: [
      {
        label: 'shelf.views.book_detail',
        file: 'shelf/views.py',
        line: 18,
        traces: 2,
        calls: 2,
        totalNs: 9e6,
      },
    ],
    unique: [],
    sharedCount: 1,
    uniqueCount: 0,
  },
  sql: {
    shared: [
      {
        label: 'SELECT "shelf_book"."id" FROM "shelf_book" WHERE "shelf_book"."id" = %s',
        traces: 2,
        calls: 2,
        totalNs: 2e6,
        rows: 1,
      },
    ],
    unique: [],
    sharedCount: 1,
    uniqueCount: 0,
  },
  templates: {shared: [], unique: [], sharedCount: 0, uniqueCount: 0},
  hosts: {shared: [], unique: [], sharedCount: 0, uniqueCount: 0},
}

let current: ProjectOverview
let api: FakeClient
let asked: {method: string; req: unknown}[]

beforeAll(() => stubLayout(800))
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() =>
    new Recorder().asContext(),
  )
  const box = {x: 0, y: 0, left: 0, top: 0, right: 800, bottom: 200, width: 800, height: 200}
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
    ...box,
    toJSON: () => box,
  })
  asked = []
  current = {
    items,
    endpoints: [
      endpoint(detail, '/books/<int:book_id>/', 2),
      endpoint(reviews, '/books/<int:book_id>/reviews/', 2),
    ],
    status: status('done', 4, 4),
  }
  api = createFakeClient({
    overrides: {
      getProjectOverview: req => {
        asked.push({method: 'getProjectOverview', req})
        return Promise.resolve(structuredClone(current))
      },
      getProjectOverlap: req => {
        asked.push({method: 'getProjectOverlap', req})
        return Promise.resolve({...overlap, traceCount: req.traceIds?.length ?? 4})
      },
    },
  })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const calls = (method: string) => asked.filter(c => c.method === method)

describe('OverviewView', () => {
  it('groups requests by route and lists every trace on the timeline', async () => {
    renderWithStore(<OverviewView projectId="p1" />, api)
    const rows = await screen.findAllByTestId('endpoint-row')
    expect(rows.map(r => r.dataset.endpoint)).toEqual([detail, reviews])
    expect(within(rows[0]!).getByText('/books/<int:book_id>/')).toBeTruthy()
    const timeline = screen.getByTestId('timeline')
    expect(timeline.dataset.itemCount).toBe('4')
    expect(timeline.dataset.traceCount).toBe('4')
    expect(timeline.getAttribute('aria-label')).toContain('4 requests, jobs and tests in 4 traces')
  })

  it("selects an endpoint's traces, and its overlap asks for just those", async () => {
    const {store} = renderWithStore(<OverviewView projectId="p1" />, api)
    const rows = await screen.findAllByTestId('endpoint-row')
    fireEvent.click(within(rows[1]!).getByRole('button'))
    expect(store.getState().overviewSelection).toMatchObject({
      projectId: 'p1',
      traceIds: ['t3', 't4'],
      label: reviews,
    })
    expect(screen.getByTestId('overview-selection').textContent).toContain('2 of 4 traces selected')
    fireEvent.click(screen.getByTestId('overview-tab-overlap'))
    const view = await screen.findByTestId('overlap-view')
    expect(view.dataset.traceCount).toBe('2')
    expect(calls('getProjectOverlap').at(-1)?.req).toMatchObject({
      projectId: 'p1',
      traceIds: ['t3', 't4'],
    })
    const sql = within(screen.getByTestId('overlap-sql')).getAllByTestId('overlap-row')
    expect(sql[0]!.dataset.traces).toBe('2')
    expect(sql[0]!.textContent).toContain('2 of 2')
    fireEvent.click(screen.getByTestId('clear-selection'))
    expect(store.getState().overviewSelection).toBeUndefined()
  })

  it('opens a function of the overlap in the history pane', async () => {
    const {store} = renderWithStore(<OverviewView projectId="p1" />, api)
    fireEvent.click(await screen.findByTestId('overview-tab-overlap'))
    fireEvent.click(await screen.findByRole('button', {name: 'shelf.views.book_detail'}))
    expect(store.getState().historyTarget).toEqual({
      projectId: 'p1',
      qualname: 'shelf.views.book_detail',
      file: 'shelf/views.py',
    })
  })

  it('refetches when traces are indexed, about once a second, and shows the new ones', async () => {
    vi.useFakeTimers({shouldAdvanceTime: true})
    try {
      renderWithStore(<OverviewView projectId="p1" />, api)
      await screen.findAllByTestId('endpoint-row')
      const before = calls('getProjectOverview').length
      current = {...current, items: [...items, item('t5', 1300, 'GET /books/2/', detail)]}
      act(() => {
        for (let i = 0; i < 20; i++) {
          api.emit('projectIndexChanged', {projectId: 'p1', traceIds: [`x${i}`]})
        }
      })
      await vi.waitFor(() => expect(calls('getProjectOverview').length).toBe(before + 1))
      await vi.waitFor(() => expect(screen.getByTestId('timeline').dataset.traceCount).toBe('5'))
      act(() => api.emit('projectIndexChanged', {projectId: 'p1', traceIds: ['x']}))
      expect(calls('getProjectOverview').length).toBe(before + 1)
      await act(() => vi.advanceTimersByTimeAsync(1100))
      expect(calls('getProjectOverview').length).toBe(before + 2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('shows the build progress and the notices while the index builds', async () => {
    current = {...current, status: status('indexing', 1, 4)}
    current.status.notices = [
      {
        level: 'error',
        code: 'trace-failed',
        message: 'trc_9: the body cannot be decoded',
        traceId: 'trc_9',
      },
    ]
    renderWithStore(<OverviewView projectId="p1" />, api)
    const bar = await screen.findByRole('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBe('1')
    act(() =>
      api.emit('projectIndexProgressed', {
        projectId: 'p1',
        progress: {phase: 'indexing', done: 3, total: 4, failed: 1},
      }),
    )
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3')
    expect(screen.getByTestId('index-failed').textContent).toContain('1 could not be read')
    act(() =>
      api.emit('projectIndexNoticed', {
        projectId: 'p1',
        notice: {level: 'info', code: 'index-rebuilt', message: 'The index was rebuilt'},
      }),
    )
    const notices = screen.getByTestId('index-notices')
    expect(notices.textContent).toContain('2 notices from the project index (1 error, 1 info)')
    expect(notices.textContent).toContain('trc_9: the body cannot be decoded')
    expect(notices.textContent).toContain('The index was rebuilt')
    // An error opens the list by itself.
    expect((notices as HTMLDetailsElement).open).toBe(true)
    act(() =>
      api.emit('projectIndexProgressed', {
        projectId: 'p1',
        progress: {phase: 'store-missing', done: 3, total: 4, failed: 1},
      }),
    )
    expect(screen.getByTestId('index-status').textContent).toContain(
      '✕ Store missing: showing what was indexed',
    )
  })

  it('keeps the notices folded when they are only for information', async () => {
    current = {...current, status: status('done', 4, 4)}
    renderWithStore(<OverviewView projectId="p1" />, api)
    await screen.findByTestId('index-status')
    act(() =>
      api.emit('projectIndexNoticed', {
        projectId: 'p1',
        notice: {level: 'info', code: 'index-rebuilt', message: 'The index was rebuilt'},
      }),
    )
    const notices = screen.getByTestId('index-notices')
    expect(notices.textContent).toContain('1 notice from the project index (1 info)')
    expect((notices as HTMLDetailsElement).open).toBe(false)
    fireEvent.click(screen.getByRole('button', {name: 'Dismiss'}))
    expect(screen.queryByTestId('index-notices')).toBeNull()
  })

  it('says so when the backend has no index', async () => {
    api = createFakeClient({})
    renderWithStore(<OverviewView projectId="p1" />, api)
    expect((await screen.findByTestId('overview-error')).textContent).toContain('not available')
  })
})
