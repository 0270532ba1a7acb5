import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {deepLink, enclosingDefLines, runOpenCommand} from './open'
import type {OpenMatch} from './open'

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const bookshelf = path.join(fixtures, 'bookshelf', 'app')
const settings = mkdtempSync(path.join(tmpdir(), 'kx-open-'))
const saved = process.env.XDG_CONFIG_HOME
beforeAll(() => {
  // The user's own path mappings must not change what the test sees.
  process.env.XDG_CONFIG_HOME = settings
})
afterAll(() => {
  process.env.XDG_CONFIG_HOME = saved
  rmSync(settings, {recursive: true, force: true})
})

async function open(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runOpenCommand(args, {out: t => out.push(t), err: t => err.push(t)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

describe('open --file F --line N', () => {
  it('finds the import_book calls from a path relative to the project', async () => {
    const result = await open('--file', 'shelf/services.py', '--line', '24', bookshelf, '--json')
    expect(result.code).toBe(0)
    const {matches} = JSON.parse(result.out) as {matches: OpenMatch[]}
    expect(matches.length).toBeGreaterThanOrEqual(2)
    for (const m of matches) {
      expect(m).toMatchObject({
        qualname: 'shelf.services.import_book',
        recordedPath: 'shelf/services.py',
        defLine: 19,
        endLine: 28,
      })
      expect(m.frameId).toMatch(/^frm_/)
      expect(m.link).toBe(deepLink(bookshelf, m.traceId, m.frameId))
    }
    const ok = matches.find(m => m.returnSummary.includes('<Book: Book object (4)>'))
    expect(ok?.argsSummary).toBe("isbn='9780553283686'")
    // The 500 POST /import/ trace: import_book raised on the way to the uncaught exception.
    const failed = matches.find(m => m.traceName.startsWith('500'))
    expect(failed?.returnSummary).toMatch(/^raised /)
  })

  it('takes an absolute path and prints a readable list', async () => {
    const file = path.join(bookshelf, 'shelf', 'services.py')
    const result = await open('--file', file, '--line', '20', bookshelf)
    expect(result.code).toBe(0)
    expect(result.out).toContain('shelf.services.import_book  shelf/services.py:19-28')
    expect(result.out).toContain('kolo-explorer://open?project=')
  })

  it('exits 1 when no traced function contains the line, 2 on a bad command line', async () => {
    const none = await open('--file', 'shelf/services.py', '--line', '2', bookshelf)
    expect(none.code).toBe(1)
    expect(none.err).toMatch(/No traced call/)
    await expect(open('--file', 'x.py', bookshelf)).rejects.toMatchObject({exitCode: 2})
    await expect(open('--file', 'x.py', '--line', 'ten', bookshelf)).rejects.toMatchObject({
      exitCode: 2,
    })
  })
})

describe('enclosingDefLines', () => {
  const text = 'def a():\n    def b():\n        return 1\n    return b\n\ndef c():\n    pass\n'
  it('gives the innermost function first', () => {
    expect(enclosingDefLines(text, [1, 2, 6], 3)).toEqual([2, 1])
    expect(enclosingDefLines(text, [1, 2, 6], 4)).toEqual([1])
    expect(enclosingDefLines(text, [1, 2, 6], 5)).toEqual([])
    expect(enclosingDefLines(undefined, [1, 2, 6], 4)).toEqual([2])
  })
})
