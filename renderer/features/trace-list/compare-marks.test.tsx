// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {renderWithStore} from '../../testing/render-app'
import {TraceList} from './trace-list'

beforeAll(() => stubLayout(600))
afterEach(cleanup)

// Newest first, as the backend lists them.
const traces = [
  fakeSummary('t3', {method: 'GET', path: '/books/', createdAt: '2024-01-03T00:00:00Z'}),
  fakeSummary('t2', {method: 'POST', path: '/books/', createdAt: '2024-01-02T00:00:00Z'}),
  fakeSummary('t1', {method: 'GET', path: '/books/', createdAt: '2024-01-01T00:00:00Z'}),
]

async function list() {
  const r = renderWithStore(<TraceList />, createFakeClient({traces: {p1: traces}}))
  act(() => r.store.getState().selectProject('p1'))
  await waitFor(() => expect(screen.getAllByTestId('trace-row')).toHaveLength(3))
  const row = (id: string) =>
    screen.getAllByTestId('trace-row').find(r => r.dataset.traceId === id)!
  return {...r, row}
}

describe('marking traces to compare', () => {
  it('marks two with Ctrl/⌘+click, the older as A, and compares them', async () => {
    const {store, row} = await list()
    fireEvent.click(row('t3'), {ctrlKey: true})
    expect(row('t3').dataset.mark).toBe('marked')
    expect(store.getState().selectedTraceId).toBeUndefined()
    expect(screen.getByTestId('compare-bar').textContent).toMatch(/1 trace marked/)
    fireEvent.click(row('t1'), {metaKey: true})
    expect(row('t1').dataset.mark).toBe('A')
    expect(row('t3').dataset.mark).toBe('B')
    fireEvent.click(screen.getByTestId('compare-marked'))
    expect(store.getState().comparison).toEqual({
      a: {projectId: 'p1', traceId: 't1'},
      b: {projectId: 'p1', traceId: 't3'},
    })
    expect(store.getState().activeView).toBe('diff')
    expect(screen.queryByTestId('compare-bar')).toBeNull()
  })

  it('marks with Space and opens with Enter; a third mark replaces the older one', async () => {
    const {store, row} = await list()
    const listbox = screen.getByRole('listbox', {name: 'Traces'})
    fireEvent.keyDown(listbox, {key: 'ArrowDown'})
    fireEvent.keyDown(listbox, {key: ' '})
    expect(row('t3').dataset.mark).toBe('marked')
    fireEvent.keyDown(listbox, {key: 'ArrowDown'})
    fireEvent.keyDown(listbox, {key: ' '})
    fireEvent.keyDown(listbox, {key: 'ArrowDown'})
    fireEvent.keyDown(listbox, {key: ' '})
    expect(row('t3').dataset.mark).toBeUndefined()
    expect(row('t1').dataset.mark).toBe('A')
    expect(row('t2').dataset.mark).toBe('B')
    fireEvent.keyDown(listbox, {key: 'Enter'})
    expect(store.getState().selectedTraceId).toBe('t1')
  })

  it('compares a trace with the previous one of its endpoint (C, or the row button)', async () => {
    const {store, row} = await list()
    const listbox = screen.getByRole('listbox', {name: 'Traces'})
    fireEvent.keyDown(listbox, {key: 'ArrowDown'})
    fireEvent.keyDown(listbox, {key: 'c'})
    await waitFor(() =>
      expect(store.getState().comparison).toEqual({
        a: {projectId: 'p1', traceId: 't1'},
        b: {projectId: 'p1', traceId: 't3'},
      }),
    )
    act(() => store.getState().closeComparison())
    const button = row('t2').querySelector('[data-testid=compare-previous-trace]')!
    fireEvent.click(button)
    await waitFor(() => expect(store.getState().notice?.message).toMatch(/No older trace/))
    expect(store.getState().comparison).toBeUndefined()
  })
})
