import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import Database from 'better-sqlite3'
import {generateIndexProject} from './generate-project'
import type {GeneratedProject} from './generate-project'
import {runIndexChild} from './index-bench'
import type {BuildFigures, IndexChildMode, QueryFigures, ReopenFigures} from './index-bench'

/**
 * The project-index benchmark (bench/project-index/run.mjs bundles and runs this file):
 * generates a project of 5,000 traces / ~2M calls, then, each in its own child process, builds
 * its index in the background (worker), reopens it warm, and times the queries. Prints figures;
 * never fails on one.
 *
 *   node dist/bench/project-index-bench.js [--traces N] [--calls N] [--keep] [--project DIR]
 *     --project DIR  use an already generated project (a --keep run's index-project) instead
 */

const self = fileURLToPath(import.meta.url)
const workerPath = path.join(path.dirname(self), 'project-index-worker.js')

if (process.argv[2] === '--child') {
  const figures = await runIndexChild(process.argv[3] as IndexChildMode, process.argv.slice(4))
  process.stdout.write(`${JSON.stringify(figures)}\n`)
  process.exit(0)
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

function child<T>(mode: IndexChildMode, args: string[]): T | string {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', self, '--child', mode, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  const line = run.stdout.trim().split('\n').pop() ?? ''
  if (run.status === 0 && line.startsWith('{')) return JSON.parse(line) as T
  const why = (run.stderr || run.stdout || `exit ${String(run.status ?? run.signal)}`).trim()
  return why.split('\n').slice(-3).join(' | ')
}

/** A project generated before: its size from the store (calls and records are not counted). */
function existingProject(project: string): GeneratedProject {
  const db = path.join(project, '.kolo', 'db.sqlite3')
  const conn = new Database(db, {readonly: true})
  const traces = conn.prepare('SELECT count(*) FROM traces').pluck().get() as number
  conn.close()
  return {project, traces, calls: NaN, records: NaN, storeBytes: statSync(db).size, generateMs: 0}
}

function main(): void {
  const traces = arg('--traces', 5000)
  const meanCalls = arg('--calls', 400)
  const keep = process.argv.includes('--keep')
  const root = mkdtempSync(path.join(tmpdir(), 'kolo-index-bench-'))
  const cacheDir = path.join(root, 'cache')
  console.log(`Project index benchmark — node ${process.version}, ${availableParallelism()} CPUs`)
  try {
    const given = process.argv.indexOf('--project')
    const g =
      given >= 0
        ? existingProject(process.argv[given + 1] ?? '')
        : generateIndexProject(root, {traces, meanCalls, seed: 11})
    console.log(
      `${given >= 0 ? 'using' : 'generated'} ${fmt(g.traces)} traces, ${fmt(g.calls)} calls, ${fmt(g.records)} records, store ${fmt(g.storeBytes / 1e6)} MB in ${fmt(g.generateMs / 1000, 1)} s (${g.project})`,
    )
    const args = [g.project, cacheDir, workerPath]
    const build = child<BuildFigures>('build', args)
    if (typeof build === 'string') {
      console.log(`build failed: ${build}`)
      return
    }
    console.log('\nBackground build (worker thread; this thread queries meanwhile)')
    console.log(
      `  total ${fmt(build.buildMs / 1000, 1)} s wall, ${fmt(build.buildCpuMs / 1000, 1)} s CPU · ${fmt(build.indexed)} indexed, ${fmt(build.failed)} failed · ${fmt(build.buildCpuMs / build.indexed, 1)} ms CPU per trace, ${fmt((build.buildCpuMs * 1000) / g.calls, 1)} µs CPU per call`,
    )
    console.log(
      `  the overview, newest first, showed 1 trace after ${fmt(build.first1Ms)} ms, 100 after ${fmt(build.first100Ms)} ms, 250 after ${fmt(build.firstUsefulMs)} ms`,
    )
    console.log(
      `  palette query during the build: p50 ${fmt(build.searchDuringP50Ms, 1)} ms, p95 ${fmt(build.searchDuringP95Ms, 1)} ms, max ${fmt(build.searchDuringMaxMs, 1)} ms · main-thread event-loop delay p99 ${fmt(build.loopDelayP99Ms, 1)} ms`,
    )
    console.log(
      `  index on disk ${fmt(build.indexMb, 1)} MB (${fmt((build.indexMb * 1e6) / g.calls, 1)} B per call) · peak RSS ${fmt(build.peakRssMb)} MB · ${fmt(build.progressEvents)} progress / ${fmt(build.changedEvents)} change events`,
    )
    const reopen = child<ReopenFigures>('reopen', args)
    console.log('\nReopen with a warm index')
    if (typeof reopen === 'string') {
      console.log(`  failed: ${reopen}`)
    } else {
      console.log(
        `  start the worker and open the index ${fmt(reopen.toOpenMs)} ms, then the overview: at ${fmt(reopen.toOverviewMs)} ms (${fmt(reopen.reopenCpuMs)} ms CPU; ${fmt(reopen.items)} items, ${fmt(reopen.overviewJsonKb)} KB as JSON)`,
      )
      console.log(
        `  the same inline (worker already running): open + overview ${fmt(reopen.inlineOpenOverviewMs)} ms · then the store check ${fmt(reopen.syncCheckMs)} ms (${fmt(reopen.current)} traces current) · peak RSS ${fmt(reopen.peakRssMb)} MB`,
      )
    }
    const q = child<QueryFigures>('queries', args)
    console.log('\nQueries on the warm index (inline)')
    if (typeof q === 'string') {
      console.log(`  failed: ${q}`)
    } else {
      console.log(
        `  history p50 ${fmt(q.historyP50Ms, 1)} ms, p95 ${fmt(q.historyP95Ms, 1)} ms (${fmt(q.historyQueries)} queries) · palette p50 ${fmt(q.paletteP50Ms, 1)} ms, p95 ${fmt(q.paletteP95Ms, 1)} ms, max ${fmt(q.paletteMaxMs, 1)} ms`,
      )
      console.log(
        `  overview ${fmt(q.overviewWarmMs, 1)} ms · overlap: all ${fmt(q.overlapAllMs, 1)} ms, two traces ${fmt(q.overlapTwoMs, 1)} ms, one endpoint (${fmt(q.overlapEndpointTraces)} traces) ${fmt(q.overlapEndpointMs, 1)} ms · gutter marks p95 ${fmt(q.lineMarksP95Ms, 1)} ms`,
      )
    }
    console.log('\nFigures vary with the machine; compare within a run.')
  } finally {
    if (keep) console.log(`kept ${root}`)
    else rmSync(root, {recursive: true, force: true})
  }
}

main()
