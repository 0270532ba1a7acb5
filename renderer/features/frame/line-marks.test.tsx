// @vitest-environment jsdom
import {act, cleanup, screen, waitFor} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {SourceFile} from '../../../shared/api/source-contract'
import type {FrameDetails} from '../../../shared/model/node-details'
import {selectedTraceStatus} from '../../state/selectors'
import {createFakeClient} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {FrameView} from './frame-view'

afterEach(cleanup)

const text = [
  'class Book:',
  '    def average_rating(self):',
  '        ratings = []',
  '        return None',
].join('\n')
// 0 request, 1 Book.average_rating (models.py:2)
const model = buildFakeModel('t1', [
  {
    name: 'GET /',
    kind: 'request',
    children: [{name: 'shelf.models.Book.average_rating', file: 'shelf/models.py', line: 2}],
  },
])
const details: FrameDetails = {
  nodeId: 1,
  kind: 'frame',
  name: 'shelf.models.Book.average_rating',
  qualname: 'shelf.models.Book.average_rating',
  coName: 'average_rating',
  startNs: 0,
  endNs: 10,
  returnLine: 4,
}

function History(props: {details: FrameDetails}) {
  return <div data-testid="history-stub">{props.details.qualname}</div>
}

async function show(lineMarks: boolean) {
  const asked: unknown[] = []
  const api = createFakeClient({
    models: {t1: model},
    details: (_t, id) => (id === 1 ? details : undefined),
    overrides: {
      getSource: req =>
        Promise.resolve<SourceFile>({
          fileId: req.fileId,
          recordedPath: 'shelf/models.py',
          language: 'python',
          status: 'ok',
          text,
        }),
      ...(lineMarks && {
        getLineMarks: req => {
          asked.push(req)
          return Promise.resolve({
            file: 'shelf/models.py',
            traceCount: 15,
            lines: [
              {line: 2, traces: 3},
              {line: 3, traces: 3},
              {line: 4, traces: 2},
            ],
          })
        },
      }),
    },
  })
  const r = renderWithStore(<FrameView history={History} />, api)
  act(() => r.store.getState().selectTrace('p1', 't1'))
  await waitFor(() => expect(selectedTraceStatus(r.store.getState()).state).toBe('ready'))
  act(() => r.store.getState().selectNode(1))
  await screen.findByTestId('implementation-code')
  return asked
}

const gutter = (n: number) =>
  screen.getByTestId('implementation-code').querySelector(`[data-line="${n}"] .code-ran`)

describe('the gutter of the frame view', () => {
  it('says in how many of the project’s traces each line ran', async () => {
    const asked = await show(true)
    await waitFor(() => expect(gutter(2)?.textContent).toBe('3'))
    expect(asked).toEqual([{trace: {projectId: 'p1', traceId: 't1'}, fileId: model.fileId[1]}])
    expect(gutter(2)?.getAttribute('title')).toBe('ran in 3 of 15 traces of the project')
    expect(gutter(4)?.textContent).toBe('2')
    expect(screen.getByTestId('line-runs-note').textContent).toContain('15 traces')
  })

  it('stays as it was where the backend has no index', async () => {
    await show(false)
    await new Promise(r => setTimeout(r, 20))
    expect(gutter(2)).toBeNull()
    expect(screen.queryByTestId('line-runs-note')).toBeNull()
  })

  it("lists the function's calls across the project below the values", async () => {
    await show(false)
    expect((await screen.findByTestId('history-stub')).textContent).toBe(
      'shelf.models.Book.average_rating',
    )
    expect(screen.getByTestId('frame-history').textContent).toContain('Calls across the project')
  })
})
