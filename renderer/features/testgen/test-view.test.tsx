// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import type {TraceApi} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {GeneratedTest} from '../../../shared/api/testgen-contract'
import {traceKey} from '../../../shared/model/trace-ref'
import type {TestGenReport} from '../../../shared/testgen/report'
import {App} from '../../app/app'
import {selectedTraceStatus} from '../../state/selectors'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {fakeDetails} from '../../testing/fake-trace'
import {renderWithStore} from '../../testing/render-app'
import {TestView} from './test-view'

beforeAll(() => stubLayout(700))
afterEach(() => {
  cleanup()
  localStorage.clear()
})

// t1: 0 request, 1 book_list, 2 its SELECT, 3 average_rating, 4 a comprehension in it.
// t2 (a `kolo run`): no request.
const request = buildFakeModel('t1', [
  {
    name: 'GET /',
    kind: 'request',
    children: [
      {
        name: 'shelf.views.book_list',
        file: 'shelf/views.py',
        line: 12,
        children: [
          {name: 'SELECT "shelf_book"."id" FROM "shelf_book"', kind: 'sql'},
          {
            name: 'shelf.models.Book.average_rating',
            file: 'shelf/models.py',
            line: 19,
            children: [{name: 'shelf.models.Book.average_rating.<locals>.<listcomp>'}],
          },
        ],
      },
    ],
  },
])
const script = buildFakeModel('t2', [
  {
    name: 'main',
    file: 'job.py',
    line: 1,
    children: [{name: 'job.compute', file: 'job.py', line: 9}],
  },
])

function report(extra: Partial<TestGenReport>): TestGenReport {
  return {
    traceId: 't1',
    target: {nodeId: 0, kind: 'request', name: 'GET /'},
    style: 'django',
    schemaOrigin: 'source',
    arranged: [],
    mocks: [],
    asserts: [],
    skipped: [],
    unresolvedTables: [],
    ...extra,
  }
}

const timings = {schemaMs: 3, gatherMs: 5, generateMs: 4}

const requestTest = (style: 'django' | 'pytest'): GeneratedTest => ({
  ok: true,
  code:
    style === 'django'
      ? 'from django.test import TestCase\n\n\nclass BookListTests(TestCase):\n    pass\n'
      : 'import pytest\n\n\n@pytest.mark.django_db\ndef test_book_list(client):\n    pass\n',
  suggestedPath: 'shelf/tests/test_book_list.py',
  moduleName: 'shelf.tests.test_book_list',
  timings,
  report: report({
    style,
    arranged: [
      {
        table: 'shelf_book',
        model: 'Book',
        variable: 'book_1',
        pk: '1',
        source: 'SELECT #2',
        placeholders: [],
      },
      {
        table: 'auth_user',
        model: 'User',
        variable: 'user_7',
        pk: '7',
        source: 'inferred: shelf_book.owner_id = 7',
        placeholders: ['password', 'username'],
      },
    ],
    mocks: [{library: 'urllib', method: 'GET', url: 'http://isbn.test/978', status: 404}],
    asserts: [
      {kind: 'status', text: 'status 200'},
      {kind: 'template', text: 'shelf/book_list.html'},
    ],
    skipped: [{what: 'request headers User-Agent', reason: 'transport and browser noise'}],
    unresolvedTables: ['legacy_ledger'],
    frozenAt: '2026-11-25T22:49:32.812423+00:00',
  }),
})

const frameTest: GeneratedTest = {
  ok: true,
  code: 'class BookAverageRatingTests(TestCase):\n    def test_average_rating(self):\n        pass\n',
  suggestedPath: 'shelf/tests/test_average_rating.py',
  moduleName: 'shelf.tests.test_average_rating',
  timings,
  report: report({
    target: {nodeId: 3, kind: 'frame', name: 'shelf.models.Book.average_rating'},
    asserts: [{kind: 'return', text: 'returns 4.5'}],
  }),
}

function setup(overrides: Partial<TraceApi> = {}, delayMs = 0) {
  const generateTest = vi.fn(async (req: Parameters<TraceApi['generateTest']>[0]) => {
    await new Promise(resolve => setTimeout(resolve, delayMs))
    if (req.trace.traceId === 't3') {
      return Promise.reject(new ApiError('bad-trace', 'Trace t3: the worker could not read it'))
    }
    if (req.nodeId === 4) {
      return Promise.resolve<GeneratedTest>({
        ok: false,
        reason: 'shelf.models.Book.average_rating.<locals>.<listcomp> is a nested function',
        timings,
      })
    }
    if (req.trace.traceId === 't2' && req.nodeId === undefined) {
      return Promise.resolve<GeneratedTest>({
        ok: false,
        reason: 'the trace holds no request; pass a frame to test one function',
        timings,
      })
    }
    return Promise.resolve(req.nodeId === 3 ? frameTest : requestTest(req.style ?? 'django'))
  })
  const api = createFakeClient({
    traces: {
      p1: [
        fakeSummary('t1', {name: '200 GET /'}),
        fakeSummary('t2', {name: 'job.py'}),
        fakeSummary('t3', {name: '500 POST /import/'}),
      ],
    },
    models: {t1: request, t2: script, t3: request},
    details: (traceId, id) => fakeDetails(traceId === 't2' ? script : request, id),
    overrides: {generateTest, ...overrides},
  })
  return {api, generateTest}
}

async function openTrace(r: ReturnType<typeof renderWithStore>, traceId = 't1') {
  act(() => r.store.getState().selectTrace('p1', traceId))
  await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
}

describe('TestView', () => {
  it('generates a test for the request: highlighted code and the whole report', async () => {
    const {api, generateTest} = setup({}, 30)
    const r = renderWithStore(<TestView />, api)
    await openTrace(r)
    expect((await screen.findByTestId('test-loading')).getAttribute('role')).toBe('status')
    const code = await screen.findByTestId('test-code')
    expect(generateTest).toHaveBeenCalledWith({
      trace: {projectId: 'p1', traceId: 't1'},
      style: 'django',
    })
    expect(code.textContent).toContain('class BookListTests(TestCase):')
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('from')
    const view = screen.getByTestId('test-view')
    expect(view.dataset.targetKind).toBe('request')
    expect(screen.getByTestId('test-target').textContent).toContain('Test of the request')
    expect(screen.getByTestId('test-target-name').textContent).toBe('GET /')
    expect(screen.queryByTestId('test-back-to-request')).toBeNull()

    const summary = screen.getByTestId('test-summary').textContent
    expect(summary).toContain('2rows arranged')
    expect(summary).toContain('1 inferred, 1 with placeholders')
    expect(summary).toContain('1HTTP mock')
    expect(summary).toContain('1unresolved table')
    expect(summary).toContain('clock frozen at 2026-11-25T22:49:32.812423+00:00')

    const rows = screen.getAllByTestId('test-arranged-row')
    expect(rows.map(row => row.textContent)).toEqual([
      'book_1Book shelf_book1SELECT #2',
      'user_7User auth_user7inferred shelf_book.owner_id = 7placeholder password, username',
    ])
    // The query the values came from shows in the details pane.
    fireEvent.click(within(rows[0]!).getByRole('button', {name: 'SELECT #2'}))
    expect(r.store.getState().selectedNodeId).toBe(2)
    expect(screen.getByTestId('test-mock-row').textContent).toBe(
      'urllibGET http://isbn.test/978404',
    )
    expect(screen.getAllByTestId('test-assert-row').map(a => a.textContent)).toEqual([
      'responsestatus 200',
      'templateshelf/book_list.html',
    ])
    expect(screen.getByTestId('test-skipped-item').textContent).toBe(
      'request headers User-Agenttransport and browser noise',
    )
    expect(screen.getByTestId('test-unresolved').textContent).toContain('legacy_ledger')
  })

  it('switches style (remembered) and shows code or report in a narrow view', async () => {
    const {api, generateTest} = setup({}, 30)
    const r = renderWithStore(<TestView />, api)
    await openTrace(r)
    await screen.findByTestId('test-code')
    expect(screen.getByTestId('test-pane-code').getAttribute('aria-selected')).toBe('true')
    fireEvent.click(screen.getByTestId('test-pane-report'))
    expect(screen.getByTestId('test-pane-report').getAttribute('aria-selected')).toBe('true')
    expect(screen.getByTestId('test-report').parentElement?.dataset.pane).toBe('report')

    fireEvent.click(screen.getByTestId('test-style-pytest'))
    // The Django test stays, dimmed, while the pytest one generates: nothing jumps.
    await waitFor(() =>
      expect(screen.getByTestId('test-view').getAttribute('aria-busy')).toBe('true'),
    )
    expect(screen.getByTestId('test-view').classList.contains('stale')).toBe(true)
    expect(screen.getByTestId('test-code').textContent).toContain('TestCase')
    await waitFor(() => expect(screen.getByTestId('test-code').textContent).toContain('@pytest'))
    expect(generateTest).toHaveBeenLastCalledWith(expect.objectContaining({style: 'pytest'}))
    expect(localStorage.getItem('kolo-explorer.testgen.style')).toBe('pytest')
    // Back to Django: the test generated before is kept, not asked for again.
    fireEvent.click(screen.getByTestId('test-style-django'))
    await waitFor(() => expect(screen.getByTestId('test-code').textContent).toContain('TestCase'))
    expect(generateTest).toHaveBeenCalledTimes(2)
    // "Generate again" asks anew.
    fireEvent.click(screen.getByTestId('test-regenerate'))
    await waitFor(() => expect(generateTest).toHaveBeenCalledTimes(3))
  })

  it('says why a trace without a request has nothing to test, and offers the selected call', async () => {
    const {api, generateTest} = setup()
    const r = renderWithStore(<TestView />, api)
    await openTrace(r, 't2')
    const nothing = await screen.findByTestId('test-nothing')
    expect(nothing.textContent).toContain('the trace holds no request')
    expect(nothing.textContent).toContain('pick one in the tree or the flame chart')
    expect(screen.getByTestId('test-view').dataset.state).toBe('nothing')
    // No code, so no style or code/report switches; generating again stays possible.
    expect(screen.queryByTestId('test-style-django')).toBeNull()
    expect(screen.queryByTestId('test-pane-report')).toBeNull()
    expect(screen.getByTestId('test-regenerate')).toBeTruthy()
    act(() => r.store.getState().selectNode(1))
    fireEvent.click(within(nothing).getByTestId('test-selected-frame'))
    await waitFor(() =>
      expect(generateTest).toHaveBeenLastCalledWith(expect.objectContaining({nodeId: 1})),
    )
    expect(r.store.getState().testTarget).toEqual({
      trace: traceKey({projectId: 'p1', traceId: 't2'}),
      nodeId: 1,
    })
  })

  it('offers the caller when a call cannot be tested (a comprehension)', async () => {
    const {api, generateTest} = setup()
    const r = renderWithStore(<TestView />, api)
    await openTrace(r)
    act(() => r.store.getState().openTest({projectId: 'p1', traceId: 't1'}, 4))
    const nothing = await screen.findByTestId('test-nothing')
    expect(nothing.textContent).toContain('is a nested function')
    expect(nothing.textContent).toContain('the function that runs this one')
    const caller = within(nothing).getByTestId('test-caller-frame')
    expect(caller.textContent).toBe('Generate a test for the caller, average_rating')
    fireEvent.click(caller)
    await waitFor(() => expect(screen.getByTestId('test-view').dataset.targetKind).toBe('frame'))
    expect(generateTest).toHaveBeenLastCalledWith(expect.objectContaining({nodeId: 3}))
  })

  it('shows a failed generation with the trace it was for, and tries again', async () => {
    const {api, generateTest} = setup()
    const r = renderWithStore(<TestView />, api)
    await r.store.getState().loadTraceList('p1')
    await openTrace(r, 't3')
    const error = await screen.findByTestId('test-error')
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.textContent).toContain('Could not generate a test for 500 POST /import/ t3')
    expect(error.textContent).toContain('Trace t3: the worker could not read it')
    fireEvent.click(within(error).getByRole('button', {name: 'Try again'}))
    await waitFor(() => expect(generateTest).toHaveBeenCalledTimes(2))
  })
})

describe('Generate test on a call', () => {
  it('opens the Test view for the call from its details, and goes back to the request', async () => {
    const {api, generateTest} = setup()
    const {store} = renderWithStore(<App />, api)
    await store.getState().start()
    act(() => store.getState().selectTrace('p1', 't1'))
    await waitFor(() => expect(document.body.dataset.traceReady).toBe('t1'))
    act(() => store.getState().selectNode(3))
    fireEvent.click(await screen.findByTestId('details-generate-test'))
    expect(store.getState().activeView).toBe('test')
    expect(screen.getByTestId('tab-test').getAttribute('aria-selected')).toBe('true')
    await waitFor(() => expect(screen.getByTestId('test-view').dataset.targetKind).toBe('frame'))
    expect(generateTest).toHaveBeenLastCalledWith({
      trace: {projectId: 'p1', traceId: 't1'},
      nodeId: 3,
      style: 'django',
    })
    const target = screen.getByTestId('test-target')
    expect(target.textContent).toContain('Unit test of')
    expect(target.textContent).toContain('shelf.models.Book.average_rating')
    expect(target.textContent).toContain('shelf/models.py:19')
    fireEvent.click(within(target).getByTestId('test-back-to-request'))
    await waitFor(() => expect(screen.getByTestId('test-view').dataset.targetKind).toBe('request'))
    expect(generateTest).toHaveBeenLastCalledWith({
      trace: {projectId: 'p1', traceId: 't1'},
      style: 'django',
    })
    // A call selected meanwhile is offered, without leaving the request's test.
    act(() => store.getState().selectNode(1))
    expect(screen.getByTestId('test-selected-frame').textContent).toBe(
      'Test the selected call (book_list)',
    )
  })

  it('is in the frame view header too, for calls and requests only', async () => {
    const {api} = setup()
    const {store} = renderWithStore(<App />, api)
    await store.getState().start()
    act(() => store.getState().selectTrace('p1', 't1'))
    await waitFor(() => expect(document.body.dataset.traceReady).toBe('t1'))
    act(() => {
      store.getState().selectNode(3)
      store.getState().setActiveView('frame')
    })
    // The frame view is a lazy chunk: the first import takes a while under test.
    fireEvent.click(await screen.findByTestId('frame-generate-test', {}, {timeout: 10_000}))
    expect(store.getState().testTarget).toEqual({
      trace: traceKey({projectId: 'p1', traceId: 't1'}),
      nodeId: 3,
    })
    expect(store.getState().activeView).toBe('test')
    act(() => {
      store.getState().selectNode(2)
      store.getState().setActiveView('frame')
    })
    await screen.findByTestId('frame-title')
    expect(screen.queryByTestId('frame-generate-test')).toBeNull()
  })
})
