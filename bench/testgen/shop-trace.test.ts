import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeModel} from '../../shared/api/model-codec'
import {withProject} from '../../main/cli/project-session'
import {generateTestForTrace} from '../../main/node/testgen/generate-for-trace'
import {writeShopProject} from './shop-trace'

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-shop-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

describe('the benchmark shop trace', () => {
  it('holds about 100 queries for 24 items, and generates a full test', async () => {
    const shop = writeShopProject(tmp, 24)
    expect(shop.queries).toBe(101)
    const result = await withProject(shop.project, async (service, project) => {
      const model = decodeModel(
        await service.loadTrace({trace: {projectId: project.id, traceId: shop.traceId}}),
      )
      return generateTestForTrace({
        model,
        getDetails: nodeId =>
          service.getNodeDetails({trace: {projectId: project.id, traceId: shop.traceId}, nodeId}),
        sourceRoot: shop.project,
      })
    })
    if (!result.ok) throw new Error(result.reason)
    // 24 products, 5 categories, the customer and the logged-in user.
    expect(result.report.arranged).toHaveLength(31)
    expect(result.report.mocks).toHaveLength(1)
    expect(result.code).toContain('self.client.force_login(user_7)')
    expect(result.code).toContain('self.assertEqual(new_order.created_at, NOW)')
    expect(result.code).toContain('self.assertEqual(new_order.status, "paid")')
    expect(result.code).toContain('product_24.refresh_from_db()')
  })
})
