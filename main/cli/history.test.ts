import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {FIXTURES} from '../node/testing/fixtures'
import {runCli} from './run'

const bookshelf = path.join(FIXTURES, 'bookshelf', 'app')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-history-'))
const savedCache = process.env.XDG_CACHE_HOME
// The index goes to a private cache folder, never the user's.
beforeAll(() => void (process.env.XDG_CACHE_HOME = tmp))
afterAll(() => {
  process.env.XDG_CACHE_HOME = savedCache
  rmSync(tmp, {recursive: true, force: true})
})

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {out: t => out.push(t), err: t => err.push(t)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

describe('kolo-explorer history', () => {
  it('prints the last calls of a function with their values and a link to each', async () => {
    const {code, out} = await cli('history', bookshelf, 'shelf.models.Book.average_rating')
    expect(code).toBe(0)
    const lines = out.split('\n')
    expect(lines[0]).toMatch(
      /^shelf\.models\.Book\.average_rating {2}shelf\/models\.py:\d+ {2}\(\d+ calls/,
    )
    expect(out).toContain('-> 4.5')
    expect(out).toContain('kolo-explorer://open?project=')
    // Two lines per call, newest first, ten at most by default.
    expect((lines.length - 1) / 2).toBeLessThanOrEqual(10)
  })

  it('answers JSON, and --last bounds it', async () => {
    const {code, out} = await cli(
      'history',
      bookshelf,
      'shelf.models.Book.average_rating',
      '--last',
      '2',
      '--json',
    )
    expect(code).toBe(0)
    const history = JSON.parse(out) as {calls: {returnValue?: string}[]; totalCalls: number}
    expect(history.calls).toHaveLength(2)
    expect(history.totalCalls).toBeGreaterThan(2)
  })

  it('says when the function never ran, and refuses bad usage', async () => {
    expect((await cli('history', bookshelf, 'nope.never')).code).toBe(1)
    expect((await cli('history', bookshelf, 'x', '--last', '0')).code).toBe(2)
    expect((await cli('history', bookshelf)).code).toBe(2)
  })
})
