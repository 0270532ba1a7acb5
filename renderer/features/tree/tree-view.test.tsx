// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {createFakeClient} from '../../testing/fake-client'
import {buildWideModel} from '../../testing/fake-model'
import {djangoTraceModel} from '../../testing/fake-trace'
import {stubLayout} from '../../testing/dom-setup'
import {renderWithStore} from '../../testing/render-app'
import {TreeView} from './tree-view'

beforeAll(() => stubLayout(600))
afterEach(cleanup)

const ids = (): number[] => screen.queryAllByTestId('tree-row').map(r => Number(r.dataset.nodeId))

async function openTree(model = djangoTraceModel('t1')) {
  const api = createFakeClient({models: {[model.traceId]: model}})
  const r = renderWithStore(<TreeView />, api)
  act(() => r.store.getState().selectTrace('p1', model.traceId))
  await waitFor(() => expect(screen.queryAllByTestId('tree-row').length).toBeGreaterThan(0))
  return r
}

describe('TreeView', () => {
  it('renders every node of a small trace, with kinds', async () => {
    await openTree()
    expect(ids()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const kinds = screen.getAllByTestId('tree-row').map(r => r.dataset.kind)
    expect(kinds).toEqual([
      'request',
      'frame',
      'frame',
      'sql',
      'template',
      'log',
      'outbound',
      'exception',
    ])
  })

  it('collapses and expands with the twisty and the arrow keys', async () => {
    const {store} = await openTree()
    const row2 = () => screen.getAllByTestId('tree-row').find(r => r.dataset.nodeId === '2')!
    fireEvent.click(row2().querySelector('.tree-twisty')!)
    expect(ids()).toEqual([0, 1, 2])
    expect(row2().getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(row2().querySelector('.tree-twisty')!)
    expect(ids()).toHaveLength(8)

    const tree = screen.getByRole('tree')
    fireEvent.click(row2())
    expect(store.getState().selectedNodeId).toBe(2)
    expect(row2().getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(tree, {key: 'ArrowLeft'})
    expect(ids()).toEqual([0, 1, 2])
    fireEvent.keyDown(tree, {key: 'ArrowRight'})
    expect(ids()).toHaveLength(8)
    fireEvent.keyDown(tree, {key: 'ArrowDown'})
    expect(store.getState().selectedNodeId).toBe(3)
    fireEvent.keyDown(tree, {key: 'ArrowLeft'}) // a leaf: go to the parent
    expect(store.getState().selectedNodeId).toBe(2)
    fireEvent.keyDown(tree, {key: 'End'})
    expect(store.getState().selectedNodeId).toBe(7)
    fireEvent.keyDown(tree, {key: 'Home'})
    expect(store.getState().selectedNodeId).toBe(0)
  })

  it('filters by name and keeps the ancestors', async () => {
    await openTree()
    fireEvent.change(screen.getByTestId('tree-filter'), {target: {value: 'list.html'}})
    await waitFor(() => expect(ids()).toEqual([0, 1, 2, 4]))
    expect(screen.getByText('1 match')).toBeTruthy()
    fireEvent.keyDown(screen.getByTestId('tree-filter'), {key: 'Escape'})
    await waitFor(() => expect(ids()).toHaveLength(8))
  })

  it('opens down to a node selected elsewhere, in a big trace', async () => {
    const model = buildWideModel('big', 10, 4) // 11,111 nodes
    const {store} = await openTree(model)
    const visible = ids().length
    expect(visible).toBeLessThan(100) // virtualised: a screenful, not 11,111 rows
    const deepest = model.nodeCount - 1
    act(() => store.getState().selectNode(deepest))
    await waitFor(() => expect(ids()).toContain(deepest))
    const row = screen.getAllByTestId('tree-row').find(r => r.dataset.nodeId === String(deepest))!
    expect(row.getAttribute('aria-selected')).toBe('true')
  })
})
