// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {encodeModel} from '../../shared/api/model-codec'
import {createFakeClient, fakeSummary} from '../testing/fake-client'
import {stubLayout} from '../testing/dom-setup'
import {buildWideModel, fakePreview} from '../testing/fake-model'
import {renderWithStore} from '../testing/render-app'
import {App} from './app'

// Tall enough that the virtual tree renders every row.
beforeAll(() => stubLayout(8000))
afterEach(() => {
  cleanup()
  delete document.body.dataset.traceReady
  delete document.body.dataset.tracePreview
})
// jsdom renders a few hundred rows slowly on a busy machine.
const slow = {timeout: 5000}

const whole = buildWideModel('a', 4, 4) // 341 rows: root, 4 children of 85 rows each
const preview = fakePreview(whole, 40)
const ids = (): number[] => screen.queryAllByTestId('tree-row').map(r => Number(r.dataset.nodeId))
const row = (id: number) =>
  screen.getAllByTestId('tree-row').find(r => r.dataset.nodeId === `${id}`)!

/** The app over a fake backend whose whole model of trace `a` comes when the test says. */
async function openBigTrace() {
  let release: () => void = () => undefined
  const wholeSent = new Promise<void>(resolve => (release = resolve))
  const api = createFakeClient({
    traces: {p1: [fakeSummary('a')]},
    models: {a: whole},
    overrides: {
      loadTracePreview: () => Promise.resolve(encodeModel(preview)),
      loadTrace: async () => {
        await wholeSent
        return encodeModel(whole)
      },
    },
  })
  const r = renderWithStore(<App />, api)
  await r.store.getState().start()
  fireEvent.click(await screen.findByTestId('trace-row'))
  await waitFor(() => expect(document.body.dataset.tracePreview).toBe('a'), slow)
  const progress = (fraction: number) =>
    act(() =>
      api.emit('traceLoadProgressed', {
        trace: {projectId: 'p1', traceId: 'a'},
        bytesRead: 1,
        bytesTotal: 2,
        records: 100,
        fraction,
      }),
    )
  return {...r, api, release, progress}
}

describe('opening a big trace', () => {
  it('paints the tree from the preview, then the whole under it, keeping what the user did', async () => {
    const {release, progress} = await openBigTrace()
    expect(document.body.dataset.traceReady).toBeUndefined()
    expect(ids()).toEqual(Array.from({length: 40}, (_, i) => i))
    const strip = screen.getByTestId('loading-strip')
    expect(within(strip).getByRole('status').textContent).toBe(
      'Showing the first 40 rows (80 of 682 records read)',
    )
    // The header from the preview: the trace's own name and its record count in all.
    expect(screen.getByTestId('trace-title').textContent).toBe('root')
    expect(document.querySelector('.header-facts')!.textContent).toContain('records 682')
    progress(0.3)
    expect(within(strip).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('30')
    expect(screen.getByRole('tree').dataset.partial).toBe('true')

    // The user collapses a row and selects another while the rest loads.
    fireEvent.click(row(1).querySelector('.tree-twisty')!)
    expect(ids()).toEqual([0, 1])
    fireEvent.click(row(0))
    const tree = screen.getByRole('tree')

    release()
    await waitFor(() => expect(document.body.dataset.traceReady).toBe('a'), slow)
    expect(document.body.dataset.tracePreview).toBeUndefined()
    // The same tree element (not remounted): row 1 still collapsed, row 0 still selected, the
    // rows past the preview below it.
    expect(screen.getByRole('tree')).toBe(tree)
    expect(row(1).getAttribute('aria-expanded')).toBe('false')
    expect(row(0).getAttribute('aria-selected')).toBe('true')
    expect(ids().slice(0, 4)).toEqual([0, 1, 86, 87])
    expect(ids()).toHaveLength(2 + 3 * 85)
    expect(screen.queryByTestId('loading-strip')).toBeNull()
    expect(screen.getByRole('tree').dataset.partial).toBeUndefined()
  })

  it('the views that need the whole trace say how far it is, then show it', async () => {
    const {release, progress} = await openBigTrace()
    progress(0.42)
    for (const [tab, what] of [
      ['flame', 'The flame chart'],
      ['graph', 'The call graph'],
      ['sql', 'This panel'],
      ['frame', 'The frame view'],
    ] as const) {
      fireEvent.click(screen.getByTestId(`tab-${tab}`))
      const center = document.querySelector<HTMLElement>('.center-body')!
      const pending = await within(center).findByTestId('whole-pending', {}, slow)
      expect(within(pending).getByRole('status').textContent).toBe(
        `${what} needs the whole trace: loading it…`,
      )
      const bar = within(pending).getByRole('progressbar')
      expect(bar.getAttribute('aria-valuenow')).toBe('42')
      expect(bar.getAttribute('aria-valuetext')).toBe('42%')
    }
    // The details pane: its overview needs the whole trace too.
    expect(within(screen.getByTestId('details')).getByRole('progressbar')).toBeTruthy()
    fireEvent.click(screen.getByTestId('tab-sql'))
    release()
    await waitFor(() => expect(screen.queryByTestId('whole-pending')).toBeNull(), slow)
    expect(screen.queryAllByRole('progressbar')).toHaveLength(0)
  })

  it('Cancel in the strip stops the load; the pane offers to open it again', async () => {
    const {api} = await openBigTrace()
    fireEvent.click(
      within(screen.getByTestId('loading-strip')).getByRole('button', {name: 'Cancel'}),
    )
    const stopped = await screen.findByTestId('load-cancelled', {}, slow)
    expect(within(stopped).getByRole('status').textContent).toBe('Loading stopped.')
    expect(screen.queryByRole('tree')).toBeNull()
    expect(api.calls.filter(c => c.method === 'cancelTraceLoad')).toHaveLength(1)
    expect(within(stopped).getByRole('button', {name: 'Open it again'})).toBeTruthy()
  })
})
