import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import type {TraceEvents} from '../../../shared/api/contract'
import {decodeModel} from '../../../shared/api/model-codec'
import {decodeTraceDiff} from '../../../shared/diff/diff-codec'
import {FIXTURES} from '../testing/fixtures'
import {createTraceService} from './service'
import type {TraceService} from './service'

// The bookshelf store (kolo-format.md §10), copied: saving a generated test writes into the app.
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'
const LIST_4 = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'

describe('the service: tests, diffs and the project index on the bookshelf store', () => {
  let tmp: string
  let app: string
  let service: TraceService
  let projectId: string
  const progress: TraceEvents['projectIndexProgressed'][] = []
  const spawned: {command: string; args: string[]}[] = []

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kx-analyses-'))
    app = path.join(tmp, 'app')
    cpSync(path.join(FIXTURES, 'bookshelf/app'), app, {recursive: true})
    service = createTraceService(
      {
        projectPaths: [app],
        watch: false,
        index: true,
        settingsDir: path.join(tmp, 'settings'),
        cacheDir: path.join(tmp, 'cache'),
      },
      {
        // No editor on this PATH: the system opener is planned, and recorded instead of started.
        sources: {
          host: {platform: 'linux', env: {PATH: path.join(tmp, 'no-bin')}, home: tmp},
          spawn: (command, args) => {
            spawned.push({command, args})
            return Promise.resolve()
          },
        },
      },
    )
    service.on('projectIndexProgressed', e => progress.push(e))
    projectId = (await service.listProjects({}))[0]!.id
  })
  afterAll(async () => {
    await service.dispose()
    rmSync(tmp, {recursive: true, force: true})
  })

  it('generates a test from a trace in the worker, and saves it only inside the project', async () => {
    const trace = {projectId, traceId: LIST_3}
    const generated = await service.generateTest({trace})
    if (!generated.ok) throw new Error(generated.reason)
    expect(generated.code).toContain('class ')
    expect(generated.code).toContain(`kolo-explorer://open?project=`)
    expect(generated.report.arranged.length).toBeGreaterThan(0)
    const saved = await service.saveGeneratedTest({
      trace,
      path: generated.suggestedPath,
      code: generated.code,
    })
    expect(saved.status).toBe('written')
    expect(readFileSync(saved.path, 'utf8')).toBe(generated.code)
    const again = await service.saveGeneratedTest({trace, path: generated.suggestedPath, code: 'x'})
    expect(again.status).toBe('exists')
    expect(readFileSync(saved.path, 'utf8')).toBe(generated.code)
    await expect(
      service.saveGeneratedTest({trace, path: '../outside.py', code: 'x'}),
    ).rejects.toMatchObject({code: 'forbidden'})
    await expect(
      service.saveGeneratedTest({trace, path: '/tmp/abs.py', code: 'x'}),
    ).rejects.toMatchObject({code: 'bad-request'})
    expect(existsSync(path.join(tmp, 'outside.py'))).toBe(false)
    // The saved test opens in the editor; a file of the project it did not write does not.
    expect(await service.openSavedTest({path: saved.path})).toMatchObject({file: saved.path})
    expect(spawned.at(-1)?.args).toContain(saved.path)
    await expect(
      service.openSavedTest({path: path.join(app, 'shelf', 'models.py')}),
    ).rejects.toMatchObject({code: 'forbidden'})
    expect(spawned).toHaveLength(1)
  })

  it('says why there is nothing to test', async () => {
    const generated = await service.generateTest({
      trace: {projectId, traceId: LIST_3},
      nodeId: 999_999,
    })
    expect(generated.ok).toBe(false)
  })

  it('diffs two traces in the worker: the extra loop iteration and its queries', async () => {
    const buffer = await service.diffTraces({
      a: {projectId, traceId: LIST_3},
      b: {projectId, traceId: LIST_4},
    })
    const diff = decodeTraceDiff(buffer)
    expect(diff.summary.line).toMatch(/queries \(was \d+, \+2\)/)
  })

  it('indexes the project in the background and answers across its traces', async () => {
    await vi.waitFor(() => expect(progress.at(-1)?.progress.phase).toBe('done'), {timeout: 20_000})
    const overview = await service.getProjectOverview({projectId})
    expect(overview.items.length).toBeGreaterThanOrEqual(15)
    const history = await service.getFunctionHistory({
      projectId,
      qualname: 'shelf.models.Book.average_rating',
    })
    expect(history.calls.length).toBeGreaterThan(0)
    const found = await service.searchProject({projectId, query: 'no books to summarise'})
    expect(found.groups.some(g => g.kind === 'exception')).toBe(true)
    const trace = {projectId, traceId: LIST_3}
    const model = decodeModel(await service.loadTrace({trace}))
    const views = model.strings.indexOf('shelf/views.py')
    const marks = await service.getLineMarks({trace, fileId: views})
    expect(marks.file).toBe('shelf/views.py')
    // book_list's body ran in both GET / traces (and the tests' requests).
    expect(Math.max(...marks.lines.map(l => l.traces))).toBeGreaterThanOrEqual(2)
    await expect(service.getLineMarks({trace, fileId: model.nameId[0]!})).rejects.toMatchObject({
      code: 'forbidden',
    })
  })
})
