// @vitest-environment jsdom
import {act, cleanup, render, screen, waitFor, within} from '@testing-library/react'
import type {BoundFunctions, queries} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {SourceFile} from '../../shared/api/source-contract'
import {emptyInsights} from '../../shared/insights/trace-insights'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import type {FrameDetails} from '../../shared/model/node-details'
import {languageOf} from '../../shared/model/source'
import type {TraceRef} from '../../shared/model/trace-ref'
import {py} from '../../shared/values/py-value'
import {TabCountBadge} from '../components/tab-count'
import {DetailsPanel} from '../features/details/details-panel'
import {FrameView} from '../features/frame/frame-view'
import {sqlTabCount} from '../features/sql/sql-count'
import {createAppStore} from '../state/app-store'
import {useLoadStatus} from '../state/trace-hooks'
import {TraceScope, useTraceRef} from '../state/trace-scope'
import {AppStoreProvider} from '../state/use-app-store'
import {createFakeClient} from '../testing/fake-client'
import {buildFakeModel} from '../testing/fake-model'
import {detailViews} from './detail-views'

afterEach(cleanup)

// Two projects (a copied store, a generator's fixed id) hold a trace of the same id, `t`, whose
// content differs: each pane must show its own.
const left: TraceRef = {projectId: 'shop', traceId: 't'}
const right: TraceRef = {projectId: 'blog', traceId: 't'}
const sides = {
  shop: {view: 'shop.views.order', file: 'shop/views.py', arg: 'order 7', queries: 1},
  blog: {view: 'blog.views.post', file: 'blog/views.py', arg: 'post 9', queries: 3},
}
type Side = keyof typeof sides

// Nodes: 0 request, 1 the view (file:1), 2.. its SQL queries.
const modelOf = (side: Side) => {
  const s = sides[side]
  return buildFakeModel('t', [
    {
      name: `GET /${side}/`,
      kind: 'request',
      children: [
        {
          name: s.view,
          file: s.file,
          line: 1,
          children: Array.from({length: s.queries}, (_, i) => ({
            name: `SELECT ${side} ${i}`,
            kind: 'sql' as const,
          })),
        },
      ],
    },
  ])
}
const models = {shop: modelOf('shop'), blog: modelOf('blog')}

function frameDetails(side: Side): FrameDetails {
  return {
    nodeId: 1,
    kind: 'frame',
    name: sides[side].view,
    coName: sides[side].view.split('.').at(-1)!,
    startNs: 0,
    endNs: 1000,
    args: py.dict([[py.str('what'), py.str(sides[side].arg)]]),
  }
}

function insightsOf(side: Side): TraceInsights {
  const i = emptyInsights('t')
  i.sql.analysis.queryCount = sides[side].queries
  return i
}

function sourceOf(side: Side, fileId: number): SourceFile {
  const recordedPath = models[side].strings[fileId]!
  const fn = sides[side].view.split('.').at(-1)!
  return {
    fileId,
    recordedPath,
    language: languageOf(recordedPath),
    status: 'ok',
    text: `def ${fn}(what):\n    return what\n`,
  }
}

function client() {
  return createFakeClient({
    models: {'shop/t': models.shop, 'blog/t': models.blog},
    details: (_t, nodeId, trace) =>
      nodeId === 1 ? frameDetails(trace.projectId as Side) : undefined,
    insights: (_t, trace) => insightsOf(trace.projectId as Side),
    sources: (trace, fileId) => sourceOf(trace.projectId as Side, fileId),
  })
}

/** What the pane's trace is doing, as a test can read it. */
function PaneStatus() {
  const status = useLoadStatus(useTraceRef())
  return (
    <div data-testid="pane-status">
      {status.state}
      {status.state === 'failed' && `: ${status.message}`}
    </div>
  )
}

function Pane(props: {trace: TraceRef; pane: string}) {
  return (
    <TraceScope trace={props.trace} pane={props.pane}>
      <section data-testid={`pane-${props.pane}`}>
        <PaneStatus />
        <TabCountBadge countOf={sqlTabCount} testId="sql-count" />
        <FrameView />
        <DetailsPanel views={detailViews} />
      </section>
    </TraceScope>
  )
}

async function sideBySide() {
  const api = client()
  const store = createAppStore(api)
  render(
    <AppStoreProvider store={store}>
      <Pane trace={left} pane="left" />
      <Pane trace={right} pane="right" />
    </AppStoreProvider>,
  )
  const pane = (name: string) => within(screen.getByTestId(`pane-${name}`))
  await waitFor(() => {
    expect(pane('left').getByTestId('pane-status').textContent).toBe('ready')
    expect(pane('right').getByTestId('pane-status').textContent).toBe('ready')
  })
  act(() => {
    store.getState().selectPaneNode('left', 1)
    store.getState().selectPaneNode('right', 1)
  })
  return {api, store, pane}
}

/** Waits until a pane shows its side's model, details, insights and source text. */
async function showsItsOwn(pane: BoundFunctions<typeof queries>, side: Side) {
  const s = sides[side]
  await waitFor(() => {
    expect(pane.getByTestId('frame-title').textContent).toBe(s.view)
    expect(pane.getByTestId('details').textContent).toContain(`'${s.arg}'`)
    expect(pane.getByTestId('sql-count').textContent).toBe(String(s.queries))
    expect(pane.getByTestId('frame-implementation').textContent).toContain(
      `def ${s.view.split('.').at(-1)}(what):`,
    )
  })
  expect(pane.getByTestId('frame-view').textContent).toContain(s.file)
}

describe('two traces of two projects side by side', () => {
  it('load with a client each and show their own model, details, insights and source', async () => {
    const {api, store, pane} = await sideBySide()
    await showsItsOwn(pane('left'), 'shop')
    await showsItsOwn(pane('right'), 'blog')
    // One load per pane (small traces: the preview is the whole model), each for its own
    // project, each naming its pane: the backend cancels a pane's older load only.
    const loads = api.calls
      .filter(c => c.method === 'loadTracePreview')
      .map(c => c.req as {trace: TraceRef; client: string})
    expect(loads.map(l => l.trace.projectId).sort()).toEqual(['blog', 'shop'])
    expect(new Set(loads.map(l => l.client)).size).toBe(2)
    // The page's own selection is not touched by the panes.
    expect(store.getState().selectedTraceId).toBeUndefined()
    expect(store.getState().selectedNodeId).toBeUndefined()
  })

  it('selecting in one pane does not move the other', async () => {
    const {store, pane} = await sideBySide()
    await showsItsOwn(pane('right'), 'blog')
    act(() => store.getState().selectPaneNode('left', 2))
    await waitFor(() =>
      expect(pane('left').getByTestId('frame-title').textContent).toBe('SELECT shop 0'),
    )
    expect(pane('left').getByTestId('details').dataset.kind).toBe('sql')
    await showsItsOwn(pane('right'), 'blog')
    expect(pane('right').getByTestId('details').dataset.nodeId).toBe('1')
  })

  it('a trace deleted from one project fails in its pane only', async () => {
    const {api, store, pane} = await sideBySide()
    await showsItsOwn(pane('left'), 'shop')
    await showsItsOwn(pane('right'), 'blog')
    act(() => api.emit('traceRemoved', {projectId: 'shop', traceIds: ['t']}))
    await waitFor(() =>
      expect(pane('left').getByTestId('pane-status').textContent).toBe(
        'failed: Trace t was deleted from the store',
      ),
    )
    expect(pane('left').queryByTestId('frame-title')).toBeNull()
    const {resources} = store.getState()
    expect(resources.peek('model', left)).toBeUndefined()
    expect(resources.peek('details', left, 1)).toBeUndefined()
    // The other project's trace of the same id keeps its model, details, insights and source.
    expect(resources.peek('model', right)?.nodeCount).toBe(5)
    await showsItsOwn(pane('right'), 'blog')
  })
})
