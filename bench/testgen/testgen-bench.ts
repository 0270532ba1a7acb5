import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {decodeModel} from '../../shared/api/model-codec'
import type {NodeDetails} from '../../shared/model/node-details'
import {generateTest} from '../../shared/testgen/generate-test'
import {requestNodes} from '../../shared/testgen/needed-nodes'
import {withProject} from '../../main/cli/project-session'
import {gatherDetails} from '../../main/node/testgen/generate-for-trace'
import {loadProjectSchema} from '../../main/node/testgen/project-schema'
import {writeShopProject} from './shop-trace'

/** The figures of one size. */
export interface TestgenFigures {
  queries: number
  nodes: number
  /** Median over the runs, ms. */
  schemaMs: number
  gatherMs: number
  generateMs: number
  totalMs: number
  codeLines: number
  ok: boolean
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/**
 * Generates a shop project per size (items → about 4 × items + 5 queries), loads the trace
 * through the service, and times test generation: the schema scan, the gather of node details
 * through the service, and the generation itself (synchronous, gather excluded), over `runs`.
 */
export async function benchTestgen(sizes: number[], runs = 7): Promise<TestgenFigures[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-testgen-bench-'))
  const out: TestgenFigures[] = []
  try {
    for (const items of sizes) {
      const shop = writeShopProject(root, items)
      const figures = await withProject(shop.project, async (service, project) => {
        const model = decodeModel(
          await service.loadTrace({trace: {projectId: project.id, traceId: shop.traceId}}),
        )
        const target = requestNodes(model)[0]!
        const get = (nodeId: number): Promise<NodeDetails> =>
          service.getNodeDetails({trace: {projectId: project.id, traceId: shop.traceId}, nodeId})
        const times = {schema: [] as number[], gather: [] as number[], generate: [] as number[]}
        let codeLines = 0
        let ok = false
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now()
          const schema = loadProjectSchema({sourceRoot: shop.project})
          const t1 = performance.now()
          const details = await gatherDetails(model, target, get)
          const t2 = performance.now()
          const result = generateTest({model, details, target, schema, projectPath: shop.project})
          const t3 = performance.now()
          times.schema.push(t1 - t0)
          times.gather.push(t2 - t1)
          times.generate.push(t3 - t2)
          ok = result.ok
          codeLines = result.ok ? result.code.split('\n').length : 0
        }
        return {
          queries: shop.queries,
          nodes: model.nodeCount,
          schemaMs: median(times.schema),
          gatherMs: median(times.gather),
          generateMs: median(times.generate),
          totalMs: median(times.schema) + median(times.gather) + median(times.generate),
          codeLines,
          ok,
        }
      })
      out.push(figures)
    }
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
  return out
}

/** The figures as printed lines. */
export function formatFigures(figures: TestgenFigures[]): string[] {
  const f = (n: number): string => n.toFixed(1).padStart(7)
  return [
    'test generation (median of runs, ms):',
    '  queries  nodes   schema   gather generate    total  lines',
    ...figures.map(
      x =>
        `  ${String(x.queries).padStart(7)} ${String(x.nodes).padStart(6)} ${f(x.schemaMs)}  ${f(x.gatherMs)}  ${f(x.generateMs)}  ${f(x.totalMs)}  ${String(x.codeLines).padStart(5)}${x.ok ? '' : '  (no test)'}`,
    ),
  ]
}
