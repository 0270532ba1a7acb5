import {describe, expect, it} from 'vitest'
import {buildTraceModel} from '../model/build-trace'
import {fakeTrace, RecordMaker} from '../testing/fake-trace'
import {traceInsights} from './trace-insights'

// A trace far bigger than the fixtures: a view whose loop issues 20,000 queries (one N+1 of
// 10,000 lookups, 10,000 repeats of one query) and logs 2,000 times with arguments.
function bigTrace(loops: number) {
  const m = new RecordMaker()
  const view = 'frm_view'
  const site = (line: number) => ({user_code_call_site: {call_frame_id: view, line_number: line}})
  const records: object[] = [m.call(view, 'shop.views.order_list', 'shop/views.py:10')]
  for (let i = 0; i < loops; i++) {
    const id = `frm_q${i}`
    const template = 'SELECT "shop_item"."id" FROM "shop_item" WHERE "shop_item"."order_id" = %s'
    records.push(m.rec('start_sql_query', id, {database: 'postgresql', ...site(12)}))
    records.push(
      m.rec('end_sql_query', id, {
        database: 'postgresql',
        query_template: template,
        query: template.replace('%s', String(i)),
        query_params: [i],
        query_data: [[[i]]],
        ...site(12),
      }),
    )
    const same = `frm_s${i}`
    records.push(m.rec('start_sql_query', same, site(13)))
    records.push(
      m.rec('end_sql_query', same, {
        query_template: 'SELECT COUNT(*) FROM "shop_tax"',
        query: 'SELECT COUNT(*) FROM "shop_tax"',
        query_data: [[[1]]],
        ...site(13),
      }),
    )
    if (i % 5 === 0) {
      records.push(
        m.rec('log_message', `frm_l${i}`, {
          name: 'shop',
          level: 'INFO',
          msg: 'order %d has %s items',
          args: [i, 'no'],
          ...site(14),
        }),
      )
    }
  }
  records.push(m.ret(view, 'shop.views.order_list', 'shop/views.py:15'))
  return buildTraceModel(fakeTrace({main: records}))
}

describe('insights of a big trace', () => {
  it('finds the N+1 and the duplicates among 20,000 queries and formats 2,000 logs', () => {
    const built = bigTrace(10_000)
    const started = performance.now()
    const insights = traceInsights(built)
    const ms = performance.now() - started
    console.log(`traceInsights: ${built.model.nodeCount} nodes in ${ms.toFixed(0)} ms`)
    const {sql} = insights
    expect(sql.queries).toHaveLength(20_000)
    expect(sql.templates).toHaveLength(2)
    expect(
      sql.analysis.nPlusOne.map(f => [f.count, `${f.callSite.file}:${f.callSite.line}`]),
    ).toEqual([
      [10_000, 'shop/views.py:12'],
      [10_000, 'shop/views.py:13'],
    ])
    expect(sql.analysis.duplicateCount).toBe(9_999)
    expect(insights.logs).toHaveLength(2_000)
    expect(insights.logs[1]!.message).toBe('order 5 has no items')
    // The wire size stays small per query: ids and small numbers, no SQL text per row.
    const bytes = JSON.stringify(insights).length
    expect(bytes / 20_000).toBeLessThan(400)
  })
})
