import fs from 'node:fs'
import {monitorEventLoopDelay} from 'node:perf_hooks'
import {percentile} from '../../shared/project-index/index-stats'
import {createProjectIndexHost} from '../../main/node/project-index/index-host'
import {ProjectIndex} from '../../main/node/project-index/project-index'
import {peakRssMb} from '../child'

/**
 * The project-index measurements, each run alone in a child process (so peak RSS is its own):
 * a background build in the worker, a reopen with a warm index, and query latencies.
 */

/** What the background build child reports. */
export interface BuildFigures {
  buildMs: number
  buildCpuMs: number
  /** When the overview first showed at least 1, 100 and 250 traces (ms after the build began). */
  first1Ms: number
  first100Ms: number
  firstUsefulMs: number
  indexed: number
  failed: number
  peakRssMb: number
  indexMb: number
  searchDuringP50Ms: number
  searchDuringP95Ms: number
  searchDuringMaxMs: number
  loopDelayP99Ms: number
  progressEvents: number
  changedEvents: number
}

/** What the reopen child reports. */
export interface ReopenFigures {
  toOpenMs: number
  toOverviewMs: number
  reopenCpuMs: number
  inlineOpenOverviewMs: number
  syncCheckMs: number
  current: number
  items: number
  endpoints: number
  overviewJsonKb: number
  peakRssMb: number
}

/** What the queries child reports. */
export interface QueryFigures {
  historyP50Ms: number
  historyP95Ms: number
  historyQueries: number
  historyCallsReturned: number
  paletteP50Ms: number
  paletteP95Ms: number
  paletteMaxMs: number
  overviewWarmMs: number
  overlapAllMs: number
  overlapTwoMs: number
  overlapEndpointMs: number
  overlapEndpointTraces: number
  lineMarksP95Ms: number
  peakRssMb: number
}

/** The measurements, by name. */
export type IndexChildMode = 'build' | 'reopen' | 'queries'

/** Run one measurement; `args` are [project, cacheDir, workerPath]. */
export async function runIndexChild(mode: IndexChildMode, args: string[]): Promise<object> {
  const [project = '', cacheDir = '', workerPath = ''] = args
  switch (mode) {
    case 'build':
      return backgroundBuild(project, cacheDir, workerPath)
    case 'reopen':
      return reopen(project, cacheDir, workerPath)
    case 'queries':
      return queries(project, cacheDir)
  }
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

/** Traces that make the overview "useful": the newest ones on the timeline. */
const usefulTraces = 250

// The app's path: the build runs in the worker; this thread (the service's) stays free. While it
// builds we ask for the overview on each change event until it holds `usefulTraces` traces, run
// a palette query every 100 ms, and watch this thread's event-loop delay.
async function backgroundBuild(
  project: string,
  cacheDir: string,
  workerPath: string,
): Promise<BuildFigures> {
  const host = createProjectIndexHost({cacheDir, workerPath})
  const loop = monitorEventLoopDelay({resolution: 10})
  loop.enable()
  const cpu = process.cpuUsage()
  const started = performance.now()
  await host.open('bench', project)
  const firstAt = new Map<number, number>()
  let asking = false
  let progressEvents = 0
  let changedEvents = 0
  host.onEvent(event => {
    if (event.type === 'progress') progressEvents++
    if (event.type !== 'changed') return
    changedEvents++
    if (firstAt.has(usefulTraces) || asking) return
    asking = true
    void host.query('bench', 'overview', {}).then(overview => {
      asking = false
      const traces = new Set(overview.items.map(i => i.traceId)).size
      for (const n of [1, 100, usefulTraces]) {
        if (traces >= n && !firstAt.has(n)) firstAt.set(n, performance.now() - started)
      }
    })
  })
  const during: number[] = []
  let stop = false
  const probe = async () => {
    while (!stop) {
      const t = performance.now()
      await host.query('bench', 'search', {query: 'step_3'})
      during.push(performance.now() - t)
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
  const probing = probe()
  const result = await host.build('bench')
  const buildMs = performance.now() - started
  stop = true
  await probing
  const buildCpuMs = cpuMs(cpu)
  loop.disable()
  await host.dispose()
  const file = indexFile(cacheDir)
  const sorted = Float64Array.from(during).sort()
  return {
    buildMs,
    buildCpuMs,
    first1Ms: firstAt.get(1) ?? NaN,
    first100Ms: firstAt.get(100) ?? NaN,
    firstUsefulMs: firstAt.get(usefulTraces) ?? NaN,
    indexed: result.indexed,
    failed: result.failed,
    peakRssMb: peakRssMb(),
    indexMb: fileMb(file) + fileMb(`${file}-wal`),
    searchDuringP50Ms: percentile(sorted, 50) ?? NaN,
    searchDuringP95Ms: percentile(sorted, 95) ?? NaN,
    searchDuringMaxMs: sorted[sorted.length - 1] ?? NaN,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    progressEvents,
    changedEvents,
  }
}

// A new session: start the worker, open the warm index, ask for the overview; then check the
// store (every trace current). Also the same overview opened inline (no worker start-up).
async function reopen(
  project: string,
  cacheDir: string,
  workerPath: string,
): Promise<ReopenFigures> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const host = createProjectIndexHost({cacheDir, workerPath})
  await host.open('bench', project)
  const toOpenMs = performance.now() - started
  const overview = await host.query('bench', 'overview', {})
  const toOverviewMs = performance.now() - started
  const reopenCpuMs = cpuMs(cpu)
  const syncStarted = performance.now()
  const sync = await host.build('bench')
  const syncMs = performance.now() - syncStarted
  await host.dispose()
  const inlineStarted = performance.now()
  const index = ProjectIndex.open({storePath: project, cacheDir})
  const again = index.overview()
  const inlineMs = performance.now() - inlineStarted
  await index.close()
  return {
    toOpenMs,
    toOverviewMs,
    reopenCpuMs,
    inlineOpenOverviewMs: inlineMs,
    syncCheckMs: syncMs,
    current: sync.current,
    items: overview.items.length,
    endpoints: again.endpoints.length,
    overviewJsonKb: JSON.stringify(overview).length / 1024,
    peakRssMb: peakRssMb(),
  }
}

// Query latencies on the warm index, inline: history of every function, palette queries of
// every kind, overlap and gutter marks.
async function queries(project: string, cacheDir: string): Promise<QueryFigures> {
  const index = ProjectIndex.open({storePath: project, cacheDir})
  const time = (fn: () => unknown): number => {
    const t = performance.now()
    fn()
    return performance.now() - t
  }
  const qualnames = index
    .search({query: 'shop', limit: 50})
    .groups.flatMap(g => (g.kind === 'function' ? g.items.map(i => i.qualname ?? '') : []))
  const functions = [...new Set([...qualnames, ...syntheticQualnames()])]
  const history: number[] = []
  let calls = 0
  for (let round = 0; round < 2; round++) {
    for (const qualname of functions) {
      history.push(time(() => (calls += index.history({qualname}).calls.length)))
    }
  }
  const palette: number[] = []
  const queryList = [
    'step_3',
    'Service2',
    'billing mod1',
    'shop.cart',
    '/cart/',
    'list12',
    'view7',
    'shop_orders_detail',
    'ORDER BY',
    'no price',
    'ValueError',
    'shpbil',
    'srvstp',
    'ca',
    'x',
    '500',
    'GET /search',
    'stripe',
    'base.html',
    'mod4.py',
  ]
  for (let round = 0; round < 5; round++) {
    for (const query of queryList) palette.push(time(() => index.search({query})))
  }
  const overview = time(() => index.overview())
  const all = time(() => index.overlap({}))
  const items = index.overview().items
  const two = items.slice(-2).map(i => i.traceId)
  const endpoint = items.find(i => i.endpoint)?.endpoint
  const someIds = items.filter(i => i.endpoint === endpoint).map(i => i.traceId)
  const pair = time(() => index.overlap({traceIds: two}))
  const oneEndpoint = time(() => index.overlap({traceIds: someIds}))
  const marks: number[] = []
  for (const area of ['catalog', 'cart', 'orders', 'billing']) {
    for (let m = 0; m < 5; m++) {
      marks.push(time(() => index.lineMarks({file: `shop/${area}/mod${m}.py`})))
    }
  }
  await index.close()
  const p = (values: number[], q: number) => percentile(Float64Array.from(values).sort(), q) ?? NaN
  return {
    historyP50Ms: p(history, 50),
    historyP95Ms: p(history, 95),
    historyQueries: history.length,
    historyCallsReturned: calls,
    paletteP50Ms: p(palette, 50),
    paletteP95Ms: p(palette, 95),
    paletteMaxMs: Math.max(...palette),
    overviewWarmMs: overview,
    overlapAllMs: all,
    overlapTwoMs: pair,
    overlapEndpointMs: oneEndpoint,
    overlapEndpointTraces: someIds.length,
    lineMarksP95Ms: p(marks, 95),
    peakRssMb: peakRssMb(),
  }
}

// The generator's function names (bench/project-index/generate-project.ts).
function syntheticQualnames(): string[] {
  const out: string[] = []
  for (const area of ['catalog', 'orders', 'search']) {
    for (let m = 0; m < 5; m++) {
      for (let f = 0; f < 10; f += 3) out.push(`shop.${area}.mod${m}.Service${m}.step_${f}`)
    }
  }
  return out
}

function indexFile(cacheDir: string): string {
  const dir = `${cacheDir}/project-index`
  const name = fs.readdirSync(dir).find(n => n.endsWith('.sqlite3'))
  return `${dir}/${name ?? 'missing'}`
}

function fileMb(file: string): number {
  return (fs.statSync(file, {throwIfNoEntry: false})?.size ?? 0) / 1e6
}
