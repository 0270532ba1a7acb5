// @vitest-environment jsdom
import {cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {analyseSql} from '../../../shared/insights/sql-analysis'
import type {SqlQueryFacts} from '../../../shared/insights/sql-analysis'
import {emptyInsights} from '../../../shared/insights/trace-insights'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import {NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import {stubLayout} from '../../testing/dom-setup'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {buildFakeModel} from '../../testing/fake-model'
import {renderWithStore} from '../../testing/render-app'
import {SqlPanel} from './sql-panel'

beforeAll(() => stubLayout(800))
afterEach(cleanup)

const author = (id: number) =>
  `SELECT "shelf_author"."id", "shelf_author"."name" FROM "shelf_author" WHERE "shelf_author"."id" = ${id}`
const authorTemplate = author(0).replace(/0$/, '%s')
// GET / of a bookshelf: the books, then per book its author (3 books, two by author 1).
const model = buildFakeModel('t1', [
  {
    name: 'GET /',
    kind: 'request',
    children: [
      {
        name: 'shelf.views.book_list',
        file: 'shelf/views.py',
        line: 12,
        children: [
          {name: 'SELECT "shelf_book"."id" FROM "shelf_book"', kind: 'sql', durationNs: 30_000_000},
          {
            name: 'shelf.views.book_list.<locals>.<listcomp>',
            file: 'shelf/views.py',
            line: 14,
            children: [1, 1, 2].map(id => ({name: author(id), kind: 'sql' as const})),
          },
        ],
      },
    ],
  },
])

function insightsOf(): TraceInsights {
  const insights = emptyInsights('t1')
  const facts: SqlQueryFacts[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    if (model.kind[i] !== NodeKind.sql) continue
    const query = nameOf(model, i)
    const template = query.startsWith('SELECT "shelf_author"') ? authorTemplate : query
    const site = model.parent[i]!
    facts.push({nodeId: i, query, template, paramsKey: '', callSiteNodeId: site, callSiteLine: 14})
    let templateId = insights.sql.templates.indexOf(template)
    if (templateId < 0) templateId = insights.sql.templates.push(template) - 1
    insights.sql.queries.push({
      nodeId: i,
      templateId,
      callSite: {nodeId: site, line: 14, file: 'shelf/views.py', fileId: model.fileId[site]!},
    })
  }
  insights.sql.analysis = analyseSql(model, facts)
  return insights
}

async function open(panel: React.ReactNode) {
  const api = createFakeClient({
    traces: {p1: [fakeSummary('t1')]},
    models: {t1: model},
    insights: () => insightsOf(),
  })
  const {store} = renderWithStore(panel, api)
  await store.getState().start()
  store.getState().selectTrace('p1', 't1')
  return store
}

describe('SqlPanel', () => {
  it('lists every query, the N+1 finding, duplicates and similar queries', async () => {
    await open(<SqlPanel />)
    await screen.findByTestId('sql-panel')
    expect(screen.getByTestId('sql-count').textContent).toBe('4queries')
    expect(screen.getByTestId('sql-duplicates').textContent).toBe('1duplicate')
    const finding = screen.getByTestId('n-plus-one')
    expect(finding.dataset.count).toBe('3')
    expect(screen.getByTestId('n-plus-one-site').textContent).toContain('shelf/views.py:14')
    expect(screen.getByTestId('n-plus-one-fix').textContent).toContain('select_related("author")')
    expect(screen.getAllByTestId('sql-row')).toHaveLength(4)
    // The finding's queries only, then all again.
    fireEvent.click(screen.getByText('Show these 3 queries'))
    expect(screen.getAllByTestId('sql-row')).toHaveLength(3)
    fireEvent.click(screen.getByText('show all'))
    expect(screen.getAllByTestId('sql-row')).toHaveLength(4)
    fireEvent.click(screen.getByTestId('sql-mode-similar'))
    expect(screen.getAllByTestId('sql-set-similar')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('sql-mode-duplicates'))
    expect(screen.getAllByTestId('sql-set-duplicates')).toHaveLength(1)
  })

  it('filters by text and marks slow queries by the threshold', async () => {
    await open(<SqlPanel />)
    await screen.findByTestId('sql-panel')
    fireEvent.change(screen.getByTestId('sql-filter'), {target: {value: 'shelf_book'}})
    expect(screen.getAllByTestId('sql-row')).toHaveLength(1)
    expect(screen.getByTestId('sql-row').className).toContain('slow')
    fireEvent.change(screen.getByTestId('sql-slow-ms'), {target: {value: '50'}})
    await waitFor(() => expect(screen.getByTestId('sql-row').className).not.toContain('slow'))
  })
})
