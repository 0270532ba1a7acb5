import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeModel} from '../../../shared/api/model-codec'
import {NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'
import {neededNodes, requestNodes} from '../../../shared/testgen/needed-nodes'
import {withProject} from '../../cli/project-session'
import {ensureDemoStore} from '../demo/demo-store'
import type {DetailsSource} from './generate-for-trace'
import {gatherDetails, generateTestForTrace} from './generate-for-trace'

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-gen-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

/** Every trace of a project, loaded, with its details source. */
async function eachTrace(
  dir: string,
  use: (traceId: string, model: TraceModel, get: DetailsSource) => Promise<void>,
): Promise<void> {
  await withProject(dir, async (service, project) => {
    const page = await service.listTraces({projectId: project.id, limit: 100})
    for (const t of page.traces) {
      const model = decodeModel(
        await service.loadTrace({trace: {projectId: project.id, traceId: t.id}}),
      )
      await use(t.id, model, nodeId =>
        service.getNodeDetails({trace: {projectId: project.id, traceId: t.id}, nodeId}),
      )
    }
  })
}

describe('generateTestForTrace on real Kolo stores', () => {
  it('gathers only what generation reads', async () => {
    await eachTrace(path.join(fixtures, 'bookshelf', 'app'), async (traceId, model, get) => {
      if (traceId !== 'trc_01M8AECR889F4M33DWTT69S3XG') return
      const asked: number[] = []
      const details = await gatherDetails(model, 0, id => (asked.push(id), get(id)), 3)
      expect(new Set(asked)).toEqual(new Set(neededNodes(model, 0)))
      expect(details.size).toBe(asked.length)
      // Templates and logs outside what generation reads are not fetched twice or at all.
      expect(asked.every(id => model.kind[id] !== NodeKind.log)).toBe(true)
    })
  })

  it('generates for every request of both bookshelf stores', async () => {
    const seen: string[] = []
    for (const app of ['bookshelf', 'bookshelf-forms']) {
      const dir = path.join(fixtures, app, 'app')
      await eachTrace(dir, async (traceId, model, get) => {
        for (const target of requestNodes(model)) {
          const r = await generateTestForTrace({model, getDetails: get, target, sourceRoot: dir})
          expect(r.ok, `${traceId}: ${r.ok ? '' : r.reason}`).toBe(true)
          if (!r.ok) continue
          seen.push(`${app} ${r.report.target.name}`)
          expect(r.report.schemaOrigin).toBe('source')
          expect(r.report.unresolvedTables).toEqual([])
          expect(r.code).toContain(`Trace:    ${traceId}`)
          expect(r.suggestedPath).toMatch(/^shelf\/tests\/test_\w+\.py$/)
        }
      })
    }
    expect(seen).toHaveLength(19)
  })

  it('infers the authors of the form page from its <select>', async () => {
    const dir = path.join(fixtures, 'bookshelf-forms', 'app')
    await eachTrace(dir, async (traceId, model, get) => {
      if (traceId !== 'trc_01M8XRMPEAHQ8B2QQZ1TSYCQ29') return
      const r = await generateTestForTrace({model, getDetails: get, sourceRoot: dir})
      if (!r.ok) throw new Error(r.reason)
      expect(r.report.arranged).toEqual([
        expect.objectContaining({
          variable: 'author_1',
          source: 'inferred from the response\'s <select name="author">',
        }),
        expect.objectContaining({variable: 'author_2'}),
      ])
      expect(r.code).toContain('author_1 = Author.objects.create(id=1, name="Octavia E. Butler")')
    })
  })

  it('generates for the demo shop (another app, PostgreSQL-style values)', async () => {
    const dir = ensureDemoStore(tmp)
    const results: string[] = []
    await eachTrace(dir, async (traceId, model, get) => {
      for (const target of requestNodes(model)) {
        const r = await generateTestForTrace({model, getDetails: get, target, sourceRoot: dir})
        expect(r.ok, `${traceId} ${nameOf(model, target)}: ${r.ok ? '' : r.reason}`).toBe(true)
        if (r.ok) results.push(r.code)
      }
    })
    expect(results.length).toBeGreaterThan(2)
    const all = results.join('\n')
    expect(all).toContain('from orders.models import')
    expect(all).toContain('Customer.objects.create(')
    // The checkout's payment gateway answers through a mock, and its 500 is a negative test.
    expect(all).toMatch(/PaymentDeclined/)
  })
})
