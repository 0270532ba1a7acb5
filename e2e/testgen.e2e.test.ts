import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {decodeModel} from '../shared/api/model-codec'
import {nameOf} from '../shared/model/trace-model'
import type {TraceModel} from '../shared/model/trace-model'
import {requestNodes} from '../shared/testgen/needed-nodes'
import type {TestGenReport} from '../shared/testgen/report'
import {withProject} from '../main/cli/project-session'
import {generateTestForTrace} from '../main/node/testgen/generate-for-trace'
import {AppCopy, djangoStatus, python} from './support/django-app'
import type {Outcome} from './support/django-app'
import {fixturesDir, hasFixtures} from './support/paths'
import {mutations} from './support/testgen-mutations'

// The proof of issue 12: a test generated for every request of the bookshelf fixtures (and for
// functions of them) passes on the app it was recorded from, and fails when the app is mutated
// where the behaviour it covers lives. Runs Debian's python3-django in temp copies of the apps.

const django = djangoStatus()
const required = process.env.KOLO_REQUIRE_DJANGO === '1'
if (!hasFixtures) console.warn(`testgen e2e skipped: no fixtures in ${fixturesDir}`)
if (!django.ok) {
  console.warn(
    `testgen e2e skipped: ${django.reason}${required ? ' (KOLO_REQUIRE_DJANGO=1: failing)' : ''}`,
  )
}

const apps = {
  bookshelf: {dir: path.join(fixturesDir, 'bookshelf', 'app'), settings: 'bookshelf.settings'},
  'bookshelf-forms': {
    dir: path.join(fixturesDir, 'bookshelf-forms', 'app'),
    settings: 'bookshelf.settings_forms',
  },
} as const
type AppName = keyof typeof apps

/** Functions of the bookshelf traces tested on their own: trace, qualname, every execution. */
const frameTargets: {traceId: string; qualname: string}[] = [
  {traceId: 'trc_01M8AECR889F4M33DWTT69S3XG', qualname: 'shelf.models.Book.average_rating'},
  {traceId: 'trc_01M8AECTGEBBQF7G1H98B96VD2', qualname: 'shelf.services.price_stats'},
  {traceId: 'trc_01M8AECTT3KXFQWS21XJSMJSZF', qualname: 'shelf.services.price_stats'},
  {traceId: 'trc_01M8AECSSNPE9A6FZBYCE8WXZN', qualname: 'shelf.services.import_book'},
  {traceId: 'trc_01M8AECSSNPE9A6FZBYCE8WXZN', qualname: 'shelf.services.fetch_isbn'},
  {traceId: 'trc_01M8AECTGEBBQF7G1H98B96VD2', qualname: 'shelf.views.stats'},
]

/** One generated test. */
export interface Case {
  app: AppName
  traceId: string
  traceName: string
  nodeId: number
  /** What it tests: `POST /books/1/reviews/ 302` or a function's qualname. */
  subject: string
  status?: number
  label: string
  code: string
  /** The same test in pytest + pytest-django style. */
  pytestCode: string
  report: TestGenReport
}

describe.skipIf((!django.ok || !hasFixtures) && !required)(
  'generated tests run against the bookshelf apps',
  () => {
    const cases: Case[] = []
    const copies: AppCopy[] = []
    const results = new Map<string, {passed: boolean; brokenBy: string[]}>()

    beforeAll(async () => {
      if (!django.ok) return
      for (const app of Object.keys(apps) as AppName[]) cases.push(...(await generateAll(app)))
    }, 300_000)

    afterAll(() => {
      for (const c of copies) c.remove()
      if (cases.length > 0) console.log(summary(cases, results))
    })

    it('has Django and the fixtures', () => {
      expect(django.ok ? '' : django.reason).toBe('')
      expect(hasFixtures).toBe(true)
    })

    it('generates a test for every request of both apps, and for functions', () => {
      const requests = cases.filter(c => c.status !== undefined)
      // 13 browser requests + 2 test-runner requests in bookshelf, 4 in bookshelf-forms.
      expect(requests.length).toBe(19)
      expect(cases.filter(c => c.status === undefined).length).toBeGreaterThanOrEqual(6)
      expect(
        requests
          .filter(c => c.status! >= 500)
          .map(c => c.subject)
          .sort(),
      ).toEqual(['GET /stats/ 500', 'POST /import/ 500'])
    })

    it('writes valid Python in the pytest style too (pytest-django is not installed here)', () => {
      const copy = new AppCopy(apps.bookshelf.dir, apps.bookshelf.settings)
      copies.push(copy)
      const files = cases.map((c, i) => {
        copy.write(`pytest_${i}.py`, c.pytestCode)
        return `pytest_${i}.py`
      })
      const r = spawnSync(python, ['-m', 'py_compile', ...files], {cwd: copy.dir, encoding: 'utf8'})
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
    })

    it('every generated test passes on the app it was recorded from', () => {
      for (const app of Object.keys(apps) as AppName[]) {
        const mine = cases.filter(c => c.app === app)
        const copy = new AppCopy(apps[app].dir, apps[app].settings)
        copies.push(copy)
        for (const c of mine) copy.write(fileOf(c.label), c.code)
        const {outcomes, output} = copy.run(mine.map(c => c.label))
        for (const c of mine) {
          const outcome = outcomes.get(c.label)
          results.set(`${c.app}:${c.label}`, {passed: outcome === 'ok', brokenBy: []})
          expect(outcome, `${c.subject} (${c.traceId}) in ${app}:\n${output}`).toBe('ok')
        }
      }
    }, 300_000)

    it('every generated test fails when the behaviour it covers is broken', () => {
      for (const m of mutations) {
        for (const app of Object.keys(apps) as AppName[]) {
          const targeted = cases.filter(c => c.app === app && m.breaks(c))
          if (targeted.length === 0) continue
          const copy = new AppCopy(apps[app].dir, apps[app].settings)
          copies.push(copy)
          copy.mutate(m.file, m.from, m.to)
          for (const c of targeted) copy.write(fileOf(c.label), c.code)
          const {outcomes, output} = copy.run(targeted.map(c => c.label))
          for (const c of targeted) {
            const outcome: Outcome | undefined = outcomes.get(c.label)
            if (outcome === 'FAIL' || outcome === 'ERROR') {
              results.get(`${c.app}:${c.label}`)?.brokenBy.push(m.name)
            }
            expect(outcome, `${c.subject} under "${m.name}":\n${output}`).toMatch(/^(FAIL|ERROR)$/)
          }
          copy.remove()
        }
      }
      const unbroken = cases.filter(c => !mutations.some(m => m.breaks(c))).map(c => c.subject)
      expect(unbroken).toEqual([])
    }, 600_000)
  },
)

async function generateAll(app: AppName): Promise<Case[]> {
  const dir = apps[app].dir
  return withProject(dir, async (service, project) => {
    const out: Case[] = []
    const page = await service.listTraces({projectId: project.id, limit: 100})
    for (const summary of page.traces) {
      const traceId = summary.id
      const model = decodeModel(await service.loadTrace({trace: {projectId: project.id, traceId}}))
      const getDetails = (nodeId: number) =>
        service.getNodeDetails({trace: {projectId: project.id, traceId}, nodeId})
      const targets: {nodeId: number; kind: 'request' | 'frame'}[] = requestNodes(model).map(
        nodeId => ({nodeId, kind: 'request'}),
      )
      if (app === 'bookshelf') {
        for (const f of frameTargets.filter(t => t.traceId === traceId)) {
          for (const nodeId of nodesNamed(model, f.qualname)) targets.push({nodeId, kind: 'frame'})
        }
      }
      for (const t of targets) {
        const r = await generateTestForTrace({model, getDetails, target: t.nodeId, sourceRoot: dir})
        if (!r.ok) throw new Error(`${traceId} node ${t.nodeId}: nothing to test: ${r.reason}`)
        const pytest = await generateTestForTrace({
          model,
          getDetails,
          target: t.nodeId,
          sourceRoot: dir,
          style: 'pytest',
        })
        if (!pytest.ok) {
          throw new Error(`${traceId} node ${t.nodeId}: no pytest test: ${pytest.reason}`)
        }
        const status = t.kind === 'request' ? statusOf(r.report) : undefined
        out.push({
          app,
          traceId,
          traceName: model.meta.name,
          nodeId: t.nodeId,
          subject:
            t.kind === 'request'
              ? `${r.report.target.name} ${status}`
              : `${r.report.target.name}${r.report.asserts.some(a => a.kind === 'exception') ? ' raises' : ''}`,
          status,
          label: `shelf.test_kolo_${out.length + 1}`,
          code: r.code,
          pytestCode: pytest.code,
          report: r.report,
        })
      }
    }
    return out
  })
}

function nodesNamed(model: TraceModel, name: string): number[] {
  const out: number[] = []
  for (let i = 0; i < model.nodeCount; i++) if (nameOf(model, i) === name) out.push(i)
  return out
}

function statusOf(report: TestGenReport): number {
  const status = report.asserts.find(a => a.kind === 'status')?.text
  if (status) return Number(status.replace('status ', ''))
  return report.asserts.some(a => a.kind === 'exception') ? 500 : 0
}

function fileOf(label: string): string {
  return `${label.replace(/\./g, '/')}.py`
}

function summary(
  cases: Case[],
  results: Map<string, {passed: boolean; brokenBy: string[]}>,
): string {
  const lines = [
    'generated tests (app, subject, trace, arranged rows, asserts, passed, failed under):',
  ]
  for (const c of cases) {
    const r = results.get(`${c.app}:${c.label}`)
    lines.push(
      [
        c.app,
        c.subject,
        c.traceId,
        `${c.report.arranged.length} rows`,
        `${(c.code.match(/^\s+(with )?(self\.assert\w+\(|assert )/gm) ?? []).length} assert statements`,
        r?.passed ? 'passed' : 'NOT RUN/FAILED',
        r?.brokenBy.length ? `fails under: ${r.brokenBy.join(', ')}` : '',
      ].join(' | '),
    )
  }
  return lines.join('\n')
}
