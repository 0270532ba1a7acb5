// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, describe, expect, it, vi} from 'vitest'
import type {TraceApi} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {GeneratedTest, SavedTest} from '../../../shared/api/testgen-contract'
import {selectedTraceStatus} from '../../state/selectors'
import {createFakeClient} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {TestView} from './test-view'

afterEach(cleanup)

const model = buildFakeModel('t1', [
  {name: 'GET /', kind: 'request', children: [{name: 'shelf.views.book_list'}]},
])
const root = '/home/ada/shelf-app'
const generated: GeneratedTest = {
  ok: true,
  code: 'class BookListTests(TestCase):\n    pass\n',
  suggestedPath: 'shelf/tests/test_book_list.py',
  moduleName: 'shelf.tests.test_book_list',
  timings: {schemaMs: 1, gatherMs: 1, generateMs: 1},
  report: {
    traceId: 't1',
    target: {nodeId: 0, kind: 'request', name: 'GET /'},
    style: 'django',
    schemaOrigin: 'source',
    arranged: [],
    mocks: [],
    asserts: [{kind: 'status', text: 'status 200'}],
    skipped: [],
    unresolvedTables: [],
  },
}

type SaveRequest = Parameters<TraceApi['saveGeneratedTest']>[0]

/** A project folder in memory: saving refuses to replace a file unless told to. */
function setup(existing: string[] = [], openFails = false) {
  const files = new Map(existing.map(p => [`${root}/${p}`, 'theirs']))
  const saveGeneratedTest = vi.fn((req: SaveRequest): Promise<SavedTest> => {
    if (req.path.startsWith('..')) {
      return Promise.reject(new ApiError('forbidden', `${req.path}: outside the project (${root})`))
    }
    const file = `${root}/${req.path}`
    if (files.has(file) && req.overwrite !== true) {
      return Promise.resolve({status: 'exists', path: file})
    }
    files.set(file, req.code)
    return Promise.resolve({status: 'written', path: file})
  })
  const openSavedTest = vi.fn((req: {path: string}) =>
    openFails
      ? Promise.reject(new ApiError('unavailable', 'VS Code was not found (looked for code)'))
      : Promise.resolve({editor: 'VS Code', file: req.path, line: 1}),
  )
  const api = createFakeClient({
    models: {t1: model},
    overrides: {
      generateTest: () => Promise.resolve(generated),
      saveGeneratedTest,
      openSavedTest,
    },
  })
  const r = renderWithStore(<TestView />, api)
  return {...r, files, saveGeneratedTest, openSavedTest}
}

async function open(r: ReturnType<typeof setup>) {
  act(() => r.store.getState().selectTrace('p1', 't1'))
  await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
  await screen.findByTestId('test-code')
}

const pathInput = () => screen.getByTestId<HTMLInputElement>('test-path')
const saveButton = () => screen.getByTestId('test-save-button')

describe('saving a generated test', () => {
  it('saves at the suggested path, says where, and opens the file in the editor', async () => {
    const r = setup()
    await open(r)
    expect(pathInput().value).toBe('shelf/tests/test_book_list.py')
    expect(screen.getByLabelText('Save as')).toBe(pathInput())
    fireEvent.click(saveButton())
    const saved = await screen.findByTestId('test-saved')
    expect(saved.textContent).toContain(`Saved ${root}/shelf/tests/test_book_list.py`)
    expect(r.saveGeneratedTest).toHaveBeenCalledWith({
      trace: {projectId: 'p1', traceId: 't1'},
      path: 'shelf/tests/test_book_list.py',
      code: generated.code,
    })
    expect(r.files.get(`${root}/shelf/tests/test_book_list.py`)).toBe(generated.code)
    fireEvent.click(within(saved).getByTestId('test-open-editor'))
    await waitFor(() => expect(saved.textContent).toContain('Opened in VS Code'))
    expect(r.openSavedTest).toHaveBeenCalledWith({path: `${root}/shelf/tests/test_book_list.py`})
  })

  it('saves at an edited path (Enter saves), and shows a refusal', async () => {
    const r = setup()
    await open(r)
    fireEvent.change(pathInput(), {target: {value: 'shelf/tests/test_home.py'}})
    fireEvent.keyDown(pathInput(), {key: 'Enter'})
    await screen.findByTestId('test-saved')
    expect(r.saveGeneratedTest).toHaveBeenLastCalledWith(
      expect.objectContaining({path: 'shelf/tests/test_home.py'}),
    )
    fireEvent.change(pathInput(), {target: {value: '../elsewhere.py'}})
    expect(screen.queryByTestId('test-saved')).toBeNull()
    fireEvent.click(saveButton())
    const error = await screen.findByTestId('test-save-error')
    expect(error.getAttribute('role')).toBe('alert')
    expect(error.textContent).toBe(`Not saved: ../elsewhere.py: outside the project (${root})`)
  })

  it('asks before replacing a file: focus in the dialog, trapped, Escape keeps the file', async () => {
    const r = setup(['shelf/tests/test_book_list.py'])
    await open(r)
    const keys = vi.fn()
    window.addEventListener('keydown', keys)
    saveButton().focus()
    fireEvent.click(saveButton())
    const dialog = await screen.findByRole('alertdialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy()
    expect(screen.getByRole('alertdialog', {name: 'Replace the existing file?'})).toBe(dialog)
    expect(dialog.textContent).toContain(`${root}/shelf/tests/test_book_list.py already exists`)
    const cancel = within(dialog).getByTestId('confirm-cancel')
    const replace = within(dialog).getByTestId('confirm-ok')
    expect(document.activeElement).toBe(cancel)
    // Tab and Shift+Tab cycle inside the dialog.
    fireEvent.keyDown(cancel, {key: 'Tab', shiftKey: true})
    expect(document.activeElement).toBe(replace)
    fireEvent.keyDown(replace, {key: 'Tab'})
    expect(document.activeElement).toBe(cancel)
    // The app's shortcuts do not act behind the dialog.
    fireEvent.keyDown(cancel, {key: '3'})
    expect(keys).not.toHaveBeenCalled()
    fireEvent.keyDown(cancel, {key: 'Escape'})
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(saveButton())
    expect(screen.getByTestId('test-kept').textContent).toContain('was kept as it is')
    expect(r.files.get(`${root}/shelf/tests/test_book_list.py`)).toBe('theirs')
    expect(r.saveGeneratedTest).toHaveBeenCalledTimes(1)
    window.removeEventListener('keydown', keys)
  })

  it('replaces the file only when the user says so, then opens it', async () => {
    const r = setup(['shelf/tests/test_book_list.py'])
    await open(r)
    saveButton().focus()
    fireEvent.click(saveButton())
    const dialog = await screen.findByRole('alertdialog')
    fireEvent.click(within(dialog).getByTestId('confirm-ok'))
    const saved = await screen.findByTestId('test-saved')
    expect(saved.textContent).toContain(`Replaced ${root}/shelf/tests/test_book_list.py`)
    expect(r.saveGeneratedTest).toHaveBeenLastCalledWith(
      expect.objectContaining({path: 'shelf/tests/test_book_list.py', overwrite: true}),
    )
    expect(r.files.get(`${root}/shelf/tests/test_book_list.py`)).toBe(generated.code)
    expect(document.activeElement).toBe(saveButton())
  })

  it('cancels with a click outside the dialog, and shows an editor that fails to start', async () => {
    const r = setup(['shelf/tests/test_book_list.py'], true)
    await open(r)
    fireEvent.click(saveButton())
    const dialog = await screen.findByRole('alertdialog')
    fireEvent.mouseDown(dialog.parentElement!)
    expect(screen.queryByRole('alertdialog')).toBeNull()
    fireEvent.change(pathInput(), {target: {value: 'shelf/tests/test_other.py'}})
    fireEvent.click(saveButton())
    const saved = await screen.findByTestId('test-saved')
    fireEvent.click(within(saved).getByTestId('test-open-editor'))
    expect((await within(saved).findByRole('alert')).textContent).toContain('VS Code was not found')
  })
})
