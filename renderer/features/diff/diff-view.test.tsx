// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {encodeTraceDiff} from '../../../shared/diff/diff-codec'
import type {NodeDetails} from '../../../shared/model/node-details'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {py} from '../../../shared/values/py-value'
import type {Comparison} from '../../state/app-state'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {renderWithStore} from '../../testing/render-app'
import {DiffView} from './diff-view'
import {diffFixture} from './testing/diff-fixture'

beforeAll(() => stubLayout(600))
afterEach(cleanup)

const before = `
  request GET /cart/
    frame shop.views.cart +2
      frame shop.services.price +1
      frame shop.services.audit +1
        sql INSERT INTO audit
`
const after = `
  request GET /cart/
    frame shop.views.cart +2
      frame shop.services.price +1
      frame shop.services.notify +1
`

const A = {projectId: 'p1', traceId: 'trc_A'}
const B = {projectId: 'p1', traceId: 'trc_B'}

/** Frame details whose arguments hold a cart: item 2's price is 10 in A, 12 in B. */
function details(model: TraceModel, nodeId: number, price: number): NodeDetails {
  const name = model.strings[model.nameId[nodeId]!] ?? ''
  const base = {nodeId, name, startNs: model.startNs[nodeId]!, endNs: model.endNs[nodeId]!}
  if (model.kind[nodeId] !== NodeKind.frame) {
    return {...base, kind: 'sql', query: name, params: py.none, data: py.none}
  }
  const item = (sku: string, p: number) =>
    py.dict([
      [py.str('sku'), py.str(sku)],
      [py.str('price'), py.int(p)],
    ])
  return {
    ...base,
    kind: 'frame',
    coName: name.split('.').pop() ?? name,
    args: py.dict([[py.str('cart'), py.list([item('a', 5), item('b', price)])]]),
    returnValue: py.none,
  }
}

function setup(overrides: {diffTraces?: () => Promise<ArrayBuffer>} = {}) {
  const fixture = diffFixture(before, after)
  const asked: unknown[] = []
  const api = createFakeClient({
    traces: {
      p1: [
        fakeSummary('trc_C', {method: 'GET', path: '/other/'}),
        fakeSummary('trc_B', {method: 'GET', path: '/cart/'}),
        fakeSummary('trc_A', {method: 'GET', path: '/cart/'}),
      ],
    },
    models: {trc_A: fixture.a, trc_B: fixture.b},
    details: (traceId, nodeId) =>
      traceId === 'trc_A' ? details(fixture.a, nodeId, 10) : details(fixture.b, nodeId, 12),
    overrides: {
      diffTraces: req => {
        asked.push(req)
        return overrides.diffTraces?.() ?? Promise.resolve(encodeTraceDiff(fixture.diff))
      },
    },
  })
  const r = renderWithStore(<DiffView />, api)
  return {...r, api, fixture, asked}
}

const rows = () =>
  screen
    .queryAllByTestId('diff-row')
    .map(row => `${row.dataset.edit} ${row.querySelector('.diff-name')?.textContent ?? ''}`)

async function opened(r: ReturnType<typeof setup>, comparison: Comparison = {a: A, b: B}) {
  act(() => r.store.getState().openComparison(comparison))
  await screen.findByTestId('diff-view')
  await waitFor(() => expect(rows().length).toBeGreaterThan(0))
}

describe('DiffView', () => {
  it('says how to start a comparison when there is none', () => {
    setup()
    expect(screen.getByTestId('diff-empty').textContent).toMatch(/mark two traces/)
  })

  it('shows the summary line and the changes, an added or removed subtree by its top row', async () => {
    const r = setup()
    await opened(r)
    expect(screen.getByTestId('diff-summary').textContent).toContain('GET /cart/')
    expect(screen.getByTestId('diff-summary').textContent).toContain('+1 call, −1 call')
    expect(rows()).toEqual([
      'same GET /cart/',
      'same shop.views.cart',
      'removed shop.services.audit',
      'added shop.services.notify',
    ])
    expect(r.asked[0]).toMatchObject({a: A, b: B, noise: {minAbsNs: 1e6, minRel: 0.2}})
    fireEvent.click(screen.getByTestId('diff-filter-all'))
    expect(rows()).toContain('same shop.services.price')
    expect(rows()).toContain('removed INSERT INTO audit')
  })

  it('compares the values of the selected pair: the changed path inside a list of dicts', async () => {
    const r = setup()
    await opened(r)
    fireEvent.click(screen.getByTestId('diff-filter-all'))
    const price = screen.getAllByTestId('diff-row').find(row => row.textContent?.includes('price'))!
    fireEvent.click(price)
    const panel = await screen.findByTestId('pair-panel')
    const section = await within(panel).findByText('arguments')
    expect(section).toBeTruthy()
    const change = within(panel).getByTestId('value-change')
    expect(change.textContent).toContain("['cart'][1]['price']")
    expect(change.querySelector('del')?.textContent).toBe('10')
    expect(change.querySelector('ins')?.textContent).toBe('12')
    // The tree now marks the pair and the calls above it.
    await waitFor(() => expect(price.dataset.edit).toBe('changed'))
    fireEvent.click(screen.getByRole('radio', {name: 'Changes'}))
    expect(rows()).toContain('changed shop.services.price')
  })

  it('steps through the changes with N, and opens a side of a pair', async () => {
    const r = setup()
    await opened(r)
    const tree = screen.getByTestId('diff-tree')
    fireEvent.keyDown(tree, {key: 'n'})
    const selected = () =>
      screen.getAllByTestId('diff-row').find(row => row.ariaSelected === 'true')
    await waitFor(() => expect(selected()?.textContent).toContain('audit'))
    fireEvent.keyDown(tree, {key: 'n'})
    await waitFor(() => expect(selected()?.textContent).toContain('notify'))
    fireEvent.keyDown(tree, {key: 'Enter'})
    const s = r.store.getState()
    expect(s.selectedTraceId).toBe('trc_B')
    // notify is row 3 of B: request, cart, price, notify.
    expect(s.selectedNodeId).toBe(3)
    expect(s.activeView).toBe('frame')
  })

  it('asks for two executions by their roots, and redoes the diff for a new noise threshold', async () => {
    const r = setup()
    await opened(r, {a: A, b: B, roots: {a: 1, b: 1}})
    expect(r.asked[0]).toMatchObject({
      roots: {a: 1, b: 1},
    })
    fireEvent.change(screen.getByTestId('noise-ms'), {target: {value: '5'}})
    await waitFor(
      () =>
        expect(r.asked.at(-1)).toMatchObject({
          noise: {minAbsNs: 5e6, minRel: 0.2},
        }),
      {timeout: 2000},
    )
  })

  it('says why a comparison failed, and tries again', async () => {
    let fail = true
    const fixture = diffFixture(before, after)
    const r = setup({
      diffTraces: () =>
        fail
          ? Promise.reject(new ApiError('not-found', 'No trace trc_B in p1'))
          : Promise.resolve(encodeTraceDiff(fixture.diff)),
    })
    act(() => r.store.getState().openComparison({a: A, b: B}))
    expect((await screen.findByTestId('error')).textContent).toContain('No trace trc_B in p1')
    fail = false
    fireEvent.click(screen.getByText('Try again'))
    await screen.findByTestId('diff-view')
  })

  it('swaps the sides, and changes B to a trace picked from a project', async () => {
    const r = setup()
    act(() => {
      r.store.setState({
        projects: [{id: 'p1', path: '/src/shop', label: 'shop', format: 'kolo-2', traceCount: 2}],
      })
    })
    await opened(r)
    expect(screen.getByTestId('diff-copy-link').dataset.link).toBe(
      'kolo-explorer://diff?project=%2Fsrc%2Fshop&a=trc_A&b=trc_B',
    )
    fireEvent.click(screen.getByTestId('diff-swap'))
    expect(r.store.getState().comparison).toEqual({a: B, b: A})
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.click(screen.getByRole('button', {name: 'Change trace B'}))
    const picker = screen.getByRole('dialog', {name: 'Choose trace B'})
    fireEvent.change(within(picker).getByLabelText('Filter traces'), {target: {value: 'other'}})
    const option = await within(within(picker).getByRole('listbox')).findByRole('option')
    expect(option.textContent).toContain('GET /other/')
    fireEvent.click(option)
    expect(r.store.getState().comparison).toEqual({a: B, b: {projectId: 'p1', traceId: 'trc_C'}})
  })
})
