import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {DiffEdit} from '../../shared/diff/edit-list'
import {writeKolo2Store} from '../node/kolo-writer/kolo2-store'
import {builtSource} from '../node/diff/built-source'
import {diffTraces} from '../node/diff/diff-traces'
import {buildRecorded} from '../node/diff/testing/recorded-trace'
import {shopTrace} from '../node/diff/testing/shop-trace'
import {TraceEngine} from '../node/trace-host/trace-engine'
import {runCli} from './run'

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const bookshelf = path.join(fixtures, 'bookshelf', 'app')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-diff-'))
const engine = new TraceEngine()
afterAll(() => {
  engine.close()
  rmSync(tmp, {recursive: true, force: true})
})

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {out: t => out.push(t), err: t => err.push(t)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

/** The same comparison without the CLI: the engine's built traces straight into diffTraces. */
async function direct(storePath: string, a: string, b: string) {
  return diffTraces(
    builtSource(engine.build({storePath, traceId: a})),
    builtSource(engine.build({storePath, traceId: b})),
  )
}

const threeBooks = 'trc_01M8AECR889F4M33DWTT69S3XG'
const fourBooks = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'
const stats200 = 'trc_01M8AECTGEBBQF7G1H98B96VD2'
const stats500 = 'trc_01M8AECTT3KXFQWS21XJSMJSZF'

describe('kolo-explorer diff', () => {
  it('prints the summary and the edits, and exits 1 when the traces differ', async () => {
    const result = await cli('diff', bookshelf, threeBooks, fourBooks)
    expect(result.code).toBe(1)
    const lines = result.out.split('\n')
    const expected = await direct(bookshelf, threeBooks, fourBooks)
    expect(lines[0]).toBe(expected.summary.line)
    expect(result.out).toContain('Edits (')
    expect(result.out).toContain('  N+1 at shelf/views.py:14: 4 queries (was 3)')
    expect(result.out).toMatch(
      /\n {2}\+ sql +SELECT "shelf_author".*\n {6}in GET \/ › shelf\.views\.book_list/,
    )
  })

  it('gives the same summary and edits as JSON', async () => {
    const result = await cli('diff', bookshelf, stats200, stats500, '--json')
    expect(result.code).toBe(1)
    const json = JSON.parse(result.out) as {
      summary: {line: string}
      identical: boolean
      edits: {edits: DiffEdit[]}
      stats: {moved: number}
    }
    const expected = await direct(bookshelf, stats200, stats500)
    expect(json.summary.line).toBe(expected.summary.line)
    expect(json.edits.edits).toEqual(expected.edits.edits)
    expect(json.identical).toBe(false)
    expect(json.stats.moved).toBe(1)
  })

  it('exits 0 when the traces match, across projects and files too', async () => {
    const same = await cli('diff', bookshelf, stats500, stats500)
    expect(same).toMatchObject({code: 0})
    expect(same.out.split('\n')[0]).toBe('GET /stats/: no changes')
    // The same trace in the Kolo 3.3 layout, and as a .kolo file (its only trace: @0).
    const v3 = path.join(fixtures, 'bookshelf-v3')
    expect((await cli('diff', bookshelf, threeBooks, v3, threeBooks)).code).toBe(0)
    const file = path.join(fixtures, 'files', '500-import.kolo')
    const fromFile = await cli('diff', file, '@0', bookshelf, 'trc_01M8AECT3RY7QP78H3Z53GFN0Y')
    expect(fromFile.code).toBe(0)
    expect(fromFile.out.split('\n')[0]).toBe('POST /import/: no changes')
  })

  it('compares generated traces with known edits, as diffTraces does', async () => {
    const before = shopTrace({}, 1)
    const after = shopTrace({notify: true, insert: true}, 2)
    const project = path.join(tmp, 'shop')
    writeKolo2Store(project, [before.map, after.map])
    const result = await cli('diff', project, before.traceId, after.traceId, '--json')
    expect(result.code).toBe(1)
    const json = JSON.parse(result.out) as {summary: {line: string}; edits: {edits: DiffEdit[]}}
    const expected = await diffTraces(
      builtSource(buildRecorded(before)),
      builtSource(buildRecorded(after)),
    )
    expect(json.summary.line).toBe(expected.summary.line)
    expect(json.edits.edits).toEqual(expected.edits.edits)
    expect(json.edits.edits.filter(e => e.kind === 'inserted').map(e => e.name)).toEqual([
      'INSERT INTO "shop_order" ("user", "total") VALUES (\'ann\', 21) RETURNING "shop_order"."id"',
      'shop.services.notify',
    ])
    // @N counts from the newest: the later trace is @0.
    const byIndex = await cli('diff', project, '@1', '@0', '--json')
    expect((JSON.parse(byIndex.out) as {summary: {line: string}}).summary.line).toBe(
      expected.summary.line,
    )
  })

  it('exits 2 on bad input', async () => {
    for (const argv of [
      ['diff', bookshelf, threeBooks],
      ['diff', bookshelf, threeBooks, fourBooks, bookshelf],
      ['diff', bookshelf, threeBooks, fourBooks, '--bogus'],
      ['diff', path.join(tmp, 'nowhere'), '@0', '@1'],
      ['diff', bookshelf, threeBooks, 'trc_NOPE'],
      ['diff', bookshelf, '@0', '@15'],
      ['diff', bookshelf, threeBooks, path.join(tmp, 'nowhere'), threeBooks],
    ]) {
      const result = await cli(...argv)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.err).toMatch(/^kolo-explorer: /)
      expect(result.out).toBe('')
    }
  })
})
