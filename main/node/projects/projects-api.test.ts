import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest'
import type {TraceEvents} from '../../../shared/api/contract'
import {createTraceService} from '../service/service'
import type {TraceService, TraceServiceOptions} from '../service/service'
import {fakeDeps} from '../testing/service-fakes'
import {findKoloProjects} from './find-projects'
import {formatDiffLink} from '../../../shared/diff/diff-link'
import {formatLink, routeInput} from './route-input'

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-projects-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

function store(dir: string, v3 = false): string {
  const file = v3
    ? path.join(dir, '.kolo', '.internal', 'db.sqlite3')
    : path.join(dir, '.kolo', 'db.sqlite3')
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileSync(file, '')
  return dir
}

const shop = store(path.join(tmp, 'work', 'shop'))
const blog = store(path.join(tmp, 'work', 'clients', 'blog'), true)
store(path.join(tmp, 'work', 'shop', 'vendored'))
store(path.join(tmp, 'work', 'node_modules', 'pkg'))
store(path.join(tmp, 'work', '.cache', 'hidden'))
store(path.join(tmp, 'work', 'a', 'b', 'c', 'd', 'too-deep'))
symlinkSync(path.join(tmp, 'work'), path.join(tmp, 'work', 'clients', 'loop'))

const readSaved = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')) as {projects: string[]}

const services: TraceService[] = []
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose()
})

function service(options: Partial<TraceServiceOptions> = {}) {
  const settingsDir = mkdtempSync(path.join(tmp, 'settings-'))
  const s = createTraceService(
    {projectPaths: [], watch: false, settingsDir, ...options},
    fakeDeps(),
  )
  services.push(s)
  const events: {event: keyof TraceEvents; payload: unknown}[] = []
  for (const event of ['linkOpened', 'openRefused', 'projectChanged', 'settingsChanged'] as const) {
    s.on(event, payload => events.push({event, payload}))
  }
  return {s, events, settingsDir}
}

describe('projects API', () => {
  it('opens a project by absolute path only, once, and remembers it on the desktop', async () => {
    const {s, settingsDir} = service({host: 'desktop'})
    await expect(s.openProject({path: 'work/shop'})).rejects.toThrow(/not an absolute path/)
    await expect(s.openProject({path: path.join(tmp, 'nope')})).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/no such file or folder/) as unknown,
    })
    const opened = await s.openProject({path: shop + '/'})
    expect(opened).toMatchObject({path: shop, format: 'kolo-2'})
    expect((await s.openProject({path: shop})).id).toBe(opened.id)
    expect(await s.listProjects({})).toHaveLength(1)
    const saved = readSaved(settingsDir)
    expect(saved).toMatchObject({projects: [shop]})
  })

  it('closes a project: it leaves the list, is forgotten and the page is told', async () => {
    const {s, events, settingsDir} = service({host: 'desktop'})
    const {id} = await s.openProject({path: shop})
    await s.closeProject({projectId: id})
    expect(await s.listProjects({})).toEqual([])
    expect(events).toContainEqual({event: 'projectChanged', payload: {projectId: id}})
    const saved = readSaved(settingsDir)
    expect(saved.projects).toEqual([])
    await expect(s.closeProject({projectId: id})).rejects.toMatchObject({code: 'not-found'})
  })

  it('never remembers projects in serve', async () => {
    const {s} = service()
    await s.openProject({path: shop})
    expect((await s.getSettings({})).projects).toEqual([])
    expect((await s.getSettings({})).host).toBe('serve')
  })

  it('opens a link: the project if needed, and whether the trace is there', async () => {
    const {s} = service()
    const opened = await s.openLink({link: formatLink(shop, 'trc_1', 'frm_A')})
    expect(opened).toEqual({
      projectId: expect.any(String) as unknown,
      traceId: 'trc_1',
      frameId: 'frm_A',
    })
    expect((await s.listProjects({})).map(p => p.id)).toEqual([opened.projectId])
    const gone = await s.openLink({link: formatLink(shop, 'trc_99')})
    expect(gone.missing).toBe(`Trace trc_99 is not in ${shop} (deleted, or recorded elsewhere)`)
    await expect(s.openLink({link: 'https://x.example/'})).rejects.toThrow(/unsupported scheme/)
    await expect(s.openLink({link: formatLink('relative', 'trc_1')})).rejects.toMatchObject({
      code: 'bad-request',
    })
  })

  it('opens a comparison link: both projects, both traces, and the executions it names', async () => {
    const {s} = service()
    const link = formatDiffLink(
      {projectPath: shop, traceId: 'trc_1', frameId: 'frm_A'},
      {projectPath: blog, traceId: 'trc_0', nodeId: 7},
    )
    const opened = await s.openLink({link})
    const ids = (await s.listProjects({})).map(p => p.id)
    expect(ids).toHaveLength(2)
    expect(opened).toEqual({
      projectId: ids[0],
      comparison: {
        a: {projectId: ids[0], traceId: 'trc_1', frameId: 'frm_A'},
        b: {projectId: ids[1], traceId: 'trc_0', nodeId: 7},
      },
    })
    const same = await s.openLink({
      link: formatDiffLink(
        {projectPath: shop, traceId: 'trc_1'},
        {projectPath: shop, traceId: 'trc_0'},
      ),
    })
    expect(same.comparison?.b.projectId).toBe(ids[0])
    const gone = await s.openLink({
      link: formatDiffLink(
        {projectPath: shop, traceId: 'trc_1'},
        {projectPath: shop, traceId: 'trc_99'},
      ),
    })
    expect(gone).toEqual({
      projectId: ids[0],
      missing: `Trace trc_99 is not in ${shop} (deleted, or recorded elsewhere)`,
    })
  })

  it('finds a frame by its Kolo frame_id', async () => {
    const {s} = service({projectPaths: [shop]})
    const [project] = await s.listProjects({})
    const req = {trace: {projectId: project!.id, traceId: 'trc_1'}}
    expect(await s.findFrame({...req, frameId: 'frm_0'})).toEqual({nodeId: 0})
    await expect(s.findFrame({...req, frameId: 'frm_B'})).rejects.toMatchObject({
      code: 'not-found',
      message: 'Frame frm_B is not in trace trc_1',
    })
    const elsewhere = {projectId: 'p0', traceId: 'trc_1'}
    await expect(s.findFrame({trace: elsewhere, frameId: 'frm_0'})).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('opens routed inputs for the desktop glue, or says why not', () => {
    const {s, events} = service()
    const opened = s.openRoute(routeInput(formatLink(blog, 'trc_0')))
    expect(events.at(-1)).toEqual({event: 'linkOpened', payload: opened})
    expect(s.openRoute(routeInput('ftp://x'), 'ftp://x')).toBeUndefined()
    expect(events.at(-1)).toEqual({
      event: 'openRefused',
      payload: {input: '"ftp://x"', reason: expect.stringMatching(/unsupported scheme/) as unknown},
    })
  })

  it('uses the file picker on the desktop only', async () => {
    await expect(service().s.pickProject({})).rejects.toMatchObject({code: 'unavailable'})
    const pickPath = vi.fn((kind: string) => Promise.resolve(kind === 'folder' ? blog : undefined))
    const {s} = service({host: 'desktop', pickPath})
    expect(await s.pickProject({kind: 'file'})).toEqual({})
    expect((await s.pickProject({})).project).toMatchObject({path: blog})
  })

  it('lists the Kolo projects below a folder, marking the open ones', async () => {
    const {s} = service({projectPaths: [blog]})
    const found = await s.findProjects({root: path.join(tmp, 'work')})
    expect(found.truncated).toBe(false)
    expect(found.projects.map(p => [p.path, p.format, p.openId !== undefined])).toEqual([
      [shop, 'kolo-2', false],
      [blog, 'kolo-3', true],
    ])
    await expect(s.findProjects({root: 'work'})).rejects.toThrow(/not an absolute path/)
  })
})

describe('findKoloProjects', () => {
  it('goes as deep as asked, and stops at the result cap', async () => {
    const work = path.join(tmp, 'work')
    expect((await findKoloProjects(work, {maxDepth: 1})).projects).toEqual([
      {path: shop, format: 'kolo-2'},
    ])
    const deep = await findKoloProjects(work, {maxDepth: 6})
    expect(deep.projects.map(p => path.basename(p.path))).toEqual(['shop', 'blog', 'too-deep'])
    const capped = await findKoloProjects(work, {maxResults: 1})
    expect(capped).toMatchObject({truncated: true, projects: [{path: shop}]})
    expect((await findKoloProjects(path.join(tmp, 'nope'))).projects).toEqual([])
  })
})
