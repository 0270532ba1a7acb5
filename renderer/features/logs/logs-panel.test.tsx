// @vitest-environment jsdom
import {cleanup, screen} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {emptyInsights} from '../../../shared/insights/trace-insights'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {LogsPanel} from './logs-panel'

const NoExceptionView = () => null

beforeAll(() => stubLayout(800))
afterEach(cleanup)

// POST /books/2/reviews/: the view logs a warning (node 2).
const model = buildFakeModel('t1', [
  {
    name: 'POST /books/2/reviews/',
    kind: 'request',
    children: [
      {
        name: 'shelf.views.add_review',
        file: 'shelf/views.py',
        line: 30,
        children: [{name: 'rejected', kind: 'log'}],
      },
    ],
  },
])

describe('LogsPanel', () => {
  it('shows the level, logger and formatted message', async () => {
    const insights = emptyInsights('t1')
    insights.logs.push({
      nodeId: 2,
      level: 'WARNING',
      logger: 'shelf.views',
      message: 'rejected review for book 2',
    })
    const api = createFakeClient({
      traces: {p1: [fakeSummary('t1')]},
      models: {t1: model},
      insights: () => insights,
    })
    const {store} = renderWithStore(<LogsPanel exceptionView={NoExceptionView} />, api)
    await store.getState().start()
    store.getState().selectTrace('p1', 't1')
    const row = await screen.findByTestId('log-row')
    expect(row.dataset.level).toBe('WARNING')
    expect(screen.getByTestId('log-message').textContent).toBe('rejected review for book 2')
    expect(row.textContent).toContain('shelf.views')
  })
})
