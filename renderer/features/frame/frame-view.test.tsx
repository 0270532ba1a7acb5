// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, describe, expect, it, vi} from 'vitest'
import type {PathMapping, SourceFile} from '../../../shared/api/source-contract'
import type {FrameDetails, NodeDetails} from '../../../shared/model/node-details'
import {languageOf} from '../../../shared/model/source'
import {py} from '../../../shared/values/py-value'
import {selectedTraceStatus} from '../../state/selectors'
import {createFakeClient} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {FrameView} from './frame-view'

afterEach(cleanup)

const services = [
  'def fetch_isbn(isbn):',
  '    return {"title": "Hyperion"}',
  '',
  '',
  'def import_book(isbn):',
  '    record = fetch_isbn(isbn)',
  '    book = Book.objects.create(title=record["title"])',
  '    return book',
].join('\n')
const views = ['def import_isbn(request):', '    book = import_book(request.POST["isbn"])'].join(
  '\n',
)

// 0 request, 1 import_isbn (views.py:1), 2 import_book (services.py:5), 3 fetch_isbn, 4 sql
const model = buildFakeModel('t1', [
  {
    name: 'POST /import/',
    kind: 'request',
    children: [
      {
        name: 'shelf.views.import_isbn',
        file: 'shelf/views.py',
        line: 1,
        children: [
          {
            name: 'shelf.services.import_book',
            file: 'shelf/services.py',
            line: 5,
            children: [
              {name: 'shelf.services.fetch_isbn', file: 'shelf/services.py', line: 1},
              {name: 'INSERT INTO shelf_book', kind: 'sql'},
            ],
          },
        ],
      },
    ],
  },
])
model.callLine.set([0, 0, 2, 6, 7])
const viewsId = model.fileId[1]!
const servicesId = model.fileId[2]!

const importBook: FrameDetails = {
  nodeId: 2,
  kind: 'frame',
  name: 'shelf.services.import_book',
  coName: 'import_book',
  startNs: 0,
  endNs: 1000,
  args: py.dict([[py.str('isbn'), py.str('9780553283686')]]),
  locals: py.dict([[py.str('book'), py.repr('<Book: Book object (4)>')]]),
  returnValue: py.repr('<Book: Book object (4)>'),
  returnLine: 8,
  callSite: {frameId: 'frm_view', line: 2, nodeId: 1, fileId: viewsId},
}

function setup(missing = false) {
  const mappings: PathMapping[] = []
  const getSource = vi.fn((req: {fileId: number}): Promise<SourceFile> => {
    const recordedPath = model.strings[req.fileId]!
    const base = {fileId: req.fileId, recordedPath, language: languageOf(recordedPath)}
    if (missing && mappings.length === 0) {
      return Promise.resolve({
        ...base,
        status: 'not-found',
        tried: [`/store/${recordedPath}`],
        suggestion: {from: '/store/', to: '/checkout/'},
      })
    }
    const text = req.fileId === servicesId ? services : views
    return Promise.resolve({...base, status: 'ok', text, localPath: `/checkout/${recordedPath}`})
  })
  const addPathMapping = vi.fn((req: {projectId: string} & PathMapping) => {
    mappings.push({from: req.from, to: req.to})
    return Promise.resolve({
      projectId: req.projectId,
      sourceRoot: '/store',
      defaultSourceRoot: '/store',
      mappings,
    })
  })
  const openInEditor = vi.fn((req: {line: number}) =>
    Promise.resolve({editor: 'VS Code', file: '/checkout/shelf/services.py', line: req.line}),
  )
  const api = createFakeClient({
    models: {t1: model},
    details: (_t, id): NodeDetails | undefined => (id === 2 ? importBook : undefined),
    overrides: {getSource, addPathMapping, openInEditor},
  })
  const r = renderWithStore(<FrameView />, api)
  return {...r, getSource, addPathMapping, openInEditor}
}

async function select(r: ReturnType<typeof setup>, nodeId: number) {
  act(() => r.store.getState().selectTrace('p1', 't1'))
  await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
  act(() => r.store.getState().selectNode(nodeId))
}

const line = (n: number) =>
  screen.getByTestId('frame-implementation').querySelector(`[data-line="${n}"]`)!

describe('FrameView', () => {
  it('shows the code with the arguments, the return value, the caller, chain and calls', async () => {
    const r = setup()
    await select(r, 2)
    await waitFor(() => expect(screen.getAllByTestId('inline-arg')).toHaveLength(1))
    expect(line(5).getAttribute('data-mark')).toBe('call')
    expect(screen.getByTestId('inline-arg').textContent).toBe("isbn = '9780553283686'")
    expect(line(8).getAttribute('data-mark')).toBe('return')
    expect(line(8).textContent).toContain('→ <Book: Book object (4)>')
    expect(line(6).textContent).toContain('fetch_isbn()')
    expect(line(7).textContent).toContain('SQL')
    // Lines 1–4 (another function) are not part of the implementation.
    expect(line(4)).toBeNull()
    const caller = screen.getByTestId('frame-called-from')
    expect(caller.textContent).toContain('shelf.views.import_isbn')
    expect(caller.querySelector('[data-line="2"]')?.getAttribute('data-mark')).toBe('at')
    expect(screen.getAllByTestId('chain-entry').map(e => e.getAttribute('data-node-id'))).toEqual([
      '0',
      '1',
      '2',
    ])
    expect(screen.getAllByTestId('child-row').map(e => e.getAttribute('data-kind'))).toEqual([
      'frame',
      'sql',
    ])
    fireEvent.click(screen.getByTestId('called-from-code'))
    expect(r.store.getState().selectedNodeId).toBe(1)
  })

  it('offers the suggested mapping when the source is not found, then shows the code', async () => {
    const r = setup(true)
    await select(r, 2)
    const impl = await screen.findByTestId('frame-implementation')
    const missing = await within(impl).findByTestId('source-not-found')
    expect(missing.textContent).toContain('shelf/services.py')
    expect(within(impl).getByTestId<HTMLInputElement>('mapping-to').value).toBe('/checkout/')
    fireEvent.click(within(impl).getByTestId('add-mapping'))
    await waitFor(() => expect(screen.queryAllByTestId('source-not-found')).toHaveLength(0))
    expect(r.addPathMapping).toHaveBeenCalledWith({
      projectId: 'p1',
      from: '/store/',
      to: '/checkout/',
    })
    expect(line(5).textContent).toContain('def import_book(isbn):')
  })

  it('opens the selected frame in the editor with F4', async () => {
    const r = setup()
    await select(r, 2)
    await screen.findByTestId('frame-title')
    fireEvent.keyDown(window, {key: 'F4'})
    await waitFor(() => expect(r.openInEditor).toHaveBeenCalledTimes(1))
    expect(r.openInEditor).toHaveBeenCalledWith({
      trace: {projectId: 'p1', traceId: 't1'},
      fileId: servicesId,
      line: 5,
    })
    expect((await screen.findByTestId('editor-status')).textContent).toContain('in VS Code')
  })
})
