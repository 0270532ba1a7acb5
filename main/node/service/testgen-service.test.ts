import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {TestGenApi} from '../../../shared/api/testgen-contract'
import {createTestGenService} from './testgen-service'

const trace = {projectId: 'p1', traceId: 't1'}

describe('the test service: saving and opening saved tests', () => {
  let tmp: string
  let root: string
  let api: TestGenApi
  const opened: {file: string; line: number; projectRoot: string}[] = []

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kx-testgen-service-'))
    root = path.join(tmp, 'app')
    mkdirSync(path.join(root, 'shelf'), {recursive: true})
    writeFileSync(path.join(root, 'shelf', 'models.py'), 'class Book: ...\n')
    api = createTestGenService({
      queries: {ask: () => Promise.reject(new Error('no worker in this test'))},
      sourceRoot: () => Promise.resolve(root),
      projectPath: () => root,
      dbFile: () => undefined,
      openFile: target => {
        opened.push(target)
        return Promise.resolve({editor: 'Fake', file: target.file, line: target.line})
      },
    })
  })
  afterAll(() => rmSync(tmp, {recursive: true, force: true}))

  it('opens a test it saved, at line 1, in its project', async () => {
    const saved = await api.saveGeneratedTest({trace, path: 'shelf/tests/test_a.py', code: 'a\n'})
    expect(saved).toEqual({status: 'written', path: path.join(root, 'shelf/tests/test_a.py')})
    const launched = await api.openSavedTest({path: saved.path})
    expect(launched).toEqual({editor: 'Fake', file: saved.path, line: 1})
    expect(opened.at(-1)).toEqual({file: saved.path, line: 1, projectRoot: root})
  })

  it('opens an overwritten test, but not one it was told is in the way', async () => {
    const relative = 'shelf/tests/test_b.py'
    const file = path.join(root, relative)
    writeFileSync(file, 'theirs\n')
    const before = opened.length
    expect(await api.saveGeneratedTest({trace, path: relative, code: 'ours\n'})).toEqual({
      status: 'exists',
      path: file,
    })
    await expect(api.openSavedTest({path: file})).rejects.toMatchObject({code: 'forbidden'})
    expect(readFileSync(file, 'utf8')).toBe('theirs\n')
    const saved = await api.saveGeneratedTest({
      trace,
      path: relative,
      code: 'ours\n',
      overwrite: true,
    })
    expect(saved.status).toBe('written')
    await api.openSavedTest({path: file})
    expect(opened.length).toBe(before + 1)
  })

  it('refuses any other path: project files, other spellings, relative paths, junk', async () => {
    const saved = await api.saveGeneratedTest({trace, path: 'shelf/tests/test_c.py', code: 'c\n'})
    const before = opened.length
    const refused = [
      path.join(root, 'shelf', 'models.py'),
      '/etc/passwd',
      'shelf/tests/test_c.py',
      `${saved.path}x`,
      path.join(root, 'shelf', 'tests', '..', '..', 'shelf', 'models.py'),
    ]
    for (const asked of refused) {
      await expect(api.openSavedTest({path: asked})).rejects.toMatchObject({code: 'forbidden'})
    }
    for (const junk of [42, '', 'x'.repeat(5000)]) {
      await expect(api.openSavedTest({path: junk} as never)).rejects.toMatchObject({
        code: 'bad-request',
      })
    }
    expect(opened.length).toBe(before)
  })

  it('says so when a saved test is gone', async () => {
    const saved = await api.saveGeneratedTest({trace, path: 'shelf/tests/test_d.py', code: 'd\n'})
    rmSync(saved.path)
    await expect(api.openSavedTest({path: saved.path})).rejects.toMatchObject({code: 'not-found'})
  })

  it('knows only its own saves: a new service opens none of them', async () => {
    const saved = await api.saveGeneratedTest({trace, path: 'shelf/tests/test_e.py', code: 'e\n'})
    const fresh = createTestGenService({
      queries: {ask: () => Promise.reject(new Error('unused'))},
      sourceRoot: () => Promise.resolve(root),
      projectPath: () => root,
      dbFile: () => undefined,
      openFile: () => Promise.reject(new Error('must not open')),
    })
    await expect(fresh.openSavedTest({path: saved.path})).rejects.toMatchObject({
      code: 'forbidden',
    })
  })
})
