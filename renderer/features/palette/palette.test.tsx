// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, within} from '@testing-library/react'
import {afterEach, describe, expect, it, vi} from 'vitest'
import type {PaletteResult} from '../../../shared/project-index/index-types'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {Palette, usePaletteShortcut} from './palette'
import type {PaletteCommand} from './palette-model'

afterEach(cleanup)

const found: PaletteResult = {
  query: 'book',
  groups: [
    {
      kind: 'trace',
      more: false,
      items: [
        {kind: 'trace', label: '404 GET /books/99/', score: 9, traceId: 't9', detail: 'failed: x'},
      ],
    },
    {
      kind: 'function',
      more: true,
      items: [
        {
          kind: 'function',
          label: 'shelf.views.book_list',
          qualname: 'shelf.views.book_list',
          file: 'shelf/views.py',
          line: 12,
          score: 8,
        },
      ],
    },
    {
      kind: 'sql',
      more: false,
      items: [
        {
          kind: 'sql',
          label: 'SELECT "shelf_book"."id" FROM "shelf_book"',
          score: 7,
          traceId: 't9',
          nodeId: 2,
        },
      ],
    },
    {
      kind: 'exception',
      more: false,
      items: [
        {
          kind: 'exception',
          label: 'Book matching query does not exist.',
          score: 6,
          traceId: 't9',
          nodeId: 3,
        },
      ],
    },
  ],
}

function Host(props: {commands: PaletteCommand[]}) {
  usePaletteShortcut()
  return (
    <>
      <button data-testid="before">before</button>
      <Palette commands={props.commands} />
    </>
  )
}

function setUp() {
  const queries: string[] = []
  const api = createFakeClient({
    traces: {p1: [fakeSummary('t9')]},
    models: {
      t9: buildFakeModel('t9', [
        {
          name: 'GET /books/99/',
          kind: 'request',
          children: [{name: 'v'}, {name: 'q', kind: 'sql'}, {name: 'e', kind: 'exception'}],
        },
      ]),
    },
    overrides: {
      searchProject: req => {
        queries.push(req.query)
        return Promise.resolve(
          req.query.includes('book')
            ? {...found, query: req.query}
            : {query: req.query, groups: []},
        )
      },
    },
  })
  const dark = vi.fn()
  const commands: PaletteCommand[] = [
    {id: 'theme-dark', label: 'Theme: dark', keywords: 'colour', run: dark},
    {id: 'settings', label: 'Open settings', run: vi.fn()},
  ]
  const r = renderWithStore(<Host commands={commands} />, api)
  return {...r, queries, dark}
}

const input = () => screen.getByTestId('palette-input')
const activeText = () => {
  const id = input().getAttribute('aria-activedescendant')
  return id ? document.getElementById(id)?.textContent : undefined
}

async function openAndType(text: string) {
  fireEvent.keyDown(window, {key: 'k', ctrlKey: true})
  fireEvent.change(input(), {target: {value: text}})
  await expect.poll(() => document.querySelector('[data-kind=function]')).not.toBeNull()
}

describe('Palette', () => {
  it('opens with Ctrl+K as a combobox, grouped results in a listbox', async () => {
    const {store, queries} = setUp()
    await store.getState().start('p1')
    screen.getByTestId('before').focus()
    await openAndType('book')
    expect(screen.getByRole('dialog', {name: 'Find anything'})).toBeTruthy()
    expect(input().getAttribute('role')).toBe('combobox')
    expect(document.activeElement).toBe(input())
    expect(queries.at(-1)).toBe('book')
    const groups = within(screen.getByRole('listbox')).getAllByRole('group')
    expect(
      groups.map(g => g.querySelector('.palette-group-title')?.firstChild?.textContent),
    ).toEqual(['Traces', 'Functions', 'SQL', 'Exceptions'])
    expect(activeText()).toContain('404 GET /books/99/')
  })

  it('moves with the arrows and opens a function’s history with Enter', async () => {
    const {store} = setUp()
    await store.getState().start('p1')
    await openAndType('book')
    fireEvent.keyDown(input(), {key: 'ArrowDown'})
    expect(activeText()).toContain('shelf.views.book_list')
    fireEvent.keyDown(input(), {key: 'Enter'})
    expect(screen.queryByTestId('palette')).toBeNull()
    expect(store.getState().historyTarget).toEqual({
      projectId: 'p1',
      qualname: 'shelf.views.book_list',
      file: 'shelf/views.py',
    })
  })

  it('opens an exception where it was raised, and a trace', async () => {
    const {store} = setUp()
    await store.getState().start('p1')
    await openAndType('book')
    fireEvent.keyDown(input(), {key: 'ArrowUp'})
    expect(activeText()).toContain('does not exist')
    fireEvent.keyDown(input(), {key: 'Enter'})
    expect(store.getState().selectedTraceId).toBe('t9')
    await expect.poll(() => store.getState().selectedNodeId).toBe(3)
    expect(store.getState().activeView).toBe('logs')
  })

  it('finds commands by their words and runs them', async () => {
    const {store, dark} = setUp()
    await store.getState().start('p1')
    fireEvent.keyDown(window, {key: 'k', metaKey: true})
    fireEvent.change(input(), {target: {value: 'colour'}})
    await act(() => new Promise(r => setTimeout(r, 100)))
    expect(activeText()).toContain('Theme: dark')
    fireEvent.keyDown(input(), {key: 'Enter'})
    expect(dark).toHaveBeenCalled()
  })

  it('closes with Escape, keeps Tab inside, and gives the focus back', async () => {
    const {store} = setUp()
    await store.getState().start('p1')
    const before = screen.getByTestId('before')
    before.focus()
    fireEvent.keyDown(window, {key: 'k', ctrlKey: true})
    const tab = new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true})
    input().dispatchEvent(tab)
    expect(tab.defaultPrevented).toBe(true)
    fireEvent.keyDown(input(), {key: 'Escape'})
    expect(screen.queryByTestId('palette')).toBeNull()
    expect(document.activeElement).toBe(before)
  })
})
