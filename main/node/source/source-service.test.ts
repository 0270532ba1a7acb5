import {cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {makeFakeEditors} from '../testing/fake-editor'
import type {SourceServiceDeps} from './source-service'
import {createSourceService} from './source-service'

const fixtures = path.resolve(__dirname, '../../../../shared/fixtures')
const app = path.join(fixtures, 'bookshelf/app')
const djangoQuery = '../../usr/lib/python3/dist-packages/django/db/models/query.py'
const tmp = mkdtempSync(path.join(tmpdir(), 'kolo-source-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))
// Climbed library paths are tried from here, so a Django installed on this machine does not count.
const emptyRoot = path.join(tmp, 'empty-root')
mkdirSync(emptyRoot)

/** A trace's file table as the model would give it: some ids are names, not files. */
const files = ['shelf/services.py', 'GET /', 'shelf/views.py', djangoQuery, '/dev/zero']
const [services, notAFile, views, library, device] = [0, 1, 2, 3, 4]

function service(roots: Record<string, string>, extra: Partial<SourceServiceDeps> = {}) {
  return createSourceService({
    resolveProject: id => ({sourceRoot: roots[id]!, storePath: path.join(roots[id]!, '.kolo')}),
    recordedFile: (_trace, fileId) => (fileId === notAFile ? undefined : files[fileId]),
    settingsDir: path.join(tmp, 'settings'),
    suggest: {home: path.join(tmp, 'no-home')},
    ...extra,
  })
}

describe('getSource', () => {
  const api = service({p: app})
  it('reads a user-code file below the source root', async () => {
    const file = await api.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: services})
    expect(file).toMatchObject({
      status: 'ok',
      recordedPath: 'shelf/services.py',
      language: 'python',
      resolvedFrom: 'root',
      localPath: path.join(app, 'shelf/services.py'),
    })
    expect(file.text).toContain('def import_book(isbn):')
  })

  it('refuses ids that are not files of the trace', async () => {
    await expect(
      api.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: notAFile}),
    ).rejects.toMatchObject({code: 'forbidden'})
    await expect(
      api.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: 99}),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('validates every request', async () => {
    await expect(
      api.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: -1}),
    ).rejects.toMatchObject({
      code: 'bad-request',
    })
    const sneaky = {trace: {projectId: 'p', traceId: 't'}, fileId: 0, path: '/etc/passwd'}
    await expect(api.getSource(sneaky as never)).rejects.toMatchObject({code: 'bad-request'})
    await expect(api.setEditor({preset: 'bash' as never})).rejects.toMatchObject({
      code: 'bad-request',
    })
  })

  it('says "not found" for library code that is not on this machine', async () => {
    const deep = service({d: path.join(fixtures, 'bookshelf-deep')}, {fsRoot: emptyRoot})
    const file = await deep.getSource({trace: {projectId: 'd', traceId: 't'}, fileId: library})
    expect(file.status).toBe('not-found')
    expect(file.text).toBeUndefined()
    expect(file.tried).toContain(path.resolve(fixtures, 'bookshelf-deep', djangoQuery))
  })

  it('reads library code outside the project when it exists', async () => {
    const lib = path.join(tmp, 'machine/usr/lib/python3/dist-packages/django/db/models')
    mkdirSync(lib, {recursive: true})
    writeFileSync(path.join(lib, 'query.py'), 'class QuerySet:\n    pass\n')
    mkdirSync(path.join(tmp, 'machine/home/app'), {recursive: true})
    const deep = service({d: path.join(tmp, 'machine/home/app')})
    const file = await deep.getSource({trace: {projectId: 'd', traceId: 't'}, fileId: library})
    expect(file).toMatchObject({
      status: 'ok',
      resolvedFrom: 'root',
      text: 'class QuerySet:\n    pass\n',
    })
  })

  it('suggests a mapping into a Python install for library code', async () => {
    const site = path.join(tmp, 'home/.pyenv/versions/3.11.4/lib/python3.11/site-packages')
    mkdirSync(path.join(site, 'django/db/models'), {recursive: true})
    writeFileSync(path.join(site, 'django/db/models/query.py'), 'x = 1\n')
    const deep = service(
      {d: path.join(fixtures, 'bookshelf-deep')},
      {suggest: {home: path.join(tmp, 'home')}, fsRoot: emptyRoot},
    )
    const file = await deep.getSource({trace: {projectId: 'd', traceId: 't'}, fileId: library})
    expect(file.suggestion).toEqual({
      from: '../../usr/lib/python3/dist-packages/',
      to: site + '/',
    })
  })

  it('reads neither devices nor files over the size cap', async () => {
    expect(
      (await api.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: device})).status,
    ).toBe('not-found')
    const small = service({p: app}, {maxFileBytes: 100})
    const file = await small.getSource({trace: {projectId: 'p', traceId: 't'}, fileId: views})
    expect(file.status).toBe('too-large')
    expect(file.text).toBeUndefined()
  })
})

describe('moved sources and path mappings', () => {
  const store = path.join(tmp, 'moved/store')
  const elsewhere = path.join(tmp, 'moved/checkout')
  mkdirSync(store, {recursive: true})
  cpSync(path.join(app, 'shelf'), path.join(elsewhere, 'shelf'), {recursive: true})
  const req = {trace: {projectId: 'm', traceId: 't'}, fileId: services}

  it('says not found, suggests a mapping, and reads the file once it is added', async () => {
    const api = service({m: store})
    const missing = await api.getSource(req)
    expect(missing.status).toBe('not-found')
    expect(missing.suggestion).toEqual({from: store + '/', to: elsewhere + '/'})
    const settings = await api.addPathMapping({projectId: 'm', ...missing.suggestion!})
    expect(settings.mappings).toEqual([{from: store + '/', to: elsewhere}])
    const found = await api.getSource(req)
    expect(found).toMatchObject({status: 'ok', resolvedFrom: 'mapping'})
    expect(found.localPath).toBe(path.join(elsewhere, 'shelf/services.py'))
  })

  it('keeps mappings per project across restarts, and removes them', async () => {
    const again = service({m: store})
    expect((await again.getSourceSettings({projectId: 'm'})).mappings).toHaveLength(1)
    expect((await again.getSource(req)).status).toBe('ok')
    await again.removePathMapping({projectId: 'm', from: store + '/'})
    expect((await again.getSource(req)).status).toBe('not-found')
  })

  it('takes another source root, and goes back to the default', async () => {
    const api = service({m: store})
    const s = await api.setSourceRoot({projectId: 'm', sourceRoot: elsewhere})
    expect(s).toMatchObject({sourceRoot: elsewhere, defaultSourceRoot: store})
    expect((await api.getSource(req)).resolvedFrom).toBe('root')
    expect((await api.setSourceRoot({projectId: 'm'})).sourceRoot).toBe(store)
    await expect(
      api.setSourceRoot({projectId: 'm', sourceRoot: '/no/such/dir'}),
    ).rejects.toMatchObject({
      code: 'not-found',
    })
    await expect(
      api.addPathMapping({projectId: 'm', from: '/app', to: 'rel'}),
    ).rejects.toMatchObject({
      code: 'bad-request',
    })
  })
})

describe('openInEditor', () => {
  const fake = makeFakeEditors(['code', 'subl'])
  afterAll(() => rmSync(fake.dir, {recursive: true, force: true}))
  const root = path.join(tmp, 'hostile-root')
  const name = `-x "a" 'b'; $(touch PWNED).py`
  mkdirSync(root, {recursive: true})
  writeFileSync(path.join(root, name), 'pass\n')
  const api = createSourceService({
    resolveProject: () => ({sourceRoot: root, storePath: path.join(root, '.kolo')}),
    recordedFile: (_trace, fileId) => [name, 'missing.py'][fileId],
    settingsDir: path.join(tmp, 'editor-settings'),
    host: fake.host,
  })

  it('detects an editor, opens the resolved file at the line, and remembers a choice', async () => {
    const settings = await api.getEditorSettings({})
    expect(settings).toMatchObject({preset: 'vscode', saved: false})
    const launched = await api.openInEditor({
      trace: {projectId: 'p', traceId: 't'},
      fileId: 0,
      line: 7,
    })
    expect(launched).toEqual({editor: 'VS Code', file: path.join(root, name), line: 7})
    expect(await fake.waitForCalls(1)).toEqual([
      {name: 'code', argv: ['-g', `${path.join(root, name)}:7:1`]},
    ])
    expect((await api.setEditor({preset: 'sublime'})).preset).toBe('sublime')
    await api.openInEditor({trace: {projectId: 'p', traceId: 't'}, fileId: 0, line: 3, column: 2})
    expect((await fake.waitForCalls(2))[1]).toEqual({
      name: 'subl',
      argv: [`${path.join(root, name)}:3:2`],
    })
  })

  it('refuses a broken custom template and a file that is not found', async () => {
    await expect(api.setEditor({preset: 'custom', template: 'ed "x'})).rejects.toMatchObject({
      code: 'bad-request',
    })
    await expect(
      api.openInEditor({trace: {projectId: 'p', traceId: 't'}, fileId: 1, line: 1}),
    ).rejects.toMatchObject({code: 'not-found'})
    await expect(
      api.openInEditor({trace: {projectId: 'p', traceId: 't'}, fileId: 2, line: 1}),
    ).rejects.toMatchObject({code: 'forbidden'})
  })
})
