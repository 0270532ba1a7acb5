import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {createTraceService} from '../service/service'
import {createInsightsService} from './insights-service'

const bookshelf = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bookshelf/app')
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'

describe('getTraceInsights', () => {
  it('answers through the service (inline host) without loading the trace first', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kx-insights-'))
    const service = createTraceService({
      projectPaths: [bookshelf],
      watch: false,
      settingsDir: dir,
      cacheDir: dir,
    })
    try {
      const [project] = await service.listProjects({})
      const insights = await service.getTraceInsights({projectId: project!.id, traceId: LIST_3})
      expect(insights.traceId).toBe(LIST_3)
      expect(insights.sql.analysis.nPlusOne.map(f => f.count)).toEqual([3, 3])
      // JSON-safe: what the HTTP transport sends is what the service returned.
      expect(JSON.parse(JSON.stringify(insights))).toEqual(insights)
      await expect(
        service.getTraceInsights({projectId: project!.id, traceId: 'trc_nope'}),
      ).rejects.toBeInstanceOf(ApiError)
    } finally {
      await service.dispose()
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('validates requests and needs a host that computes insights', async () => {
    const api = createInsightsService({
      storePath: () => '/x',
      thread: () => undefined,
      host: () => ({}),
    })
    await expect(api.getTraceInsights({projectId: 1} as never)).rejects.toMatchObject({
      code: 'bad-request',
    })
    await expect(api.getTraceInsights({projectId: 'p', traceId: 't'})).rejects.toMatchObject({
      code: 'unavailable',
    })
  })
})
