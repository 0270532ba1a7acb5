import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from './run'
import {writeTestFile} from '../node/testgen/write-test-file'

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const bookshelf = path.join(fixtures, 'bookshelf', 'app')
const REVIEW_302 = 'trc_01M8AECRW7FNRFWMAMFCYF8SQD'
const BOOK_LIST = 'trc_01M8AECR889F4M33DWTT69S3XG'
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-gentest-'))
const saved = process.env.XDG_CONFIG_HOME
beforeAll(() => {
  // The user's own source settings must not change what the test sees.
  process.env.XDG_CONFIG_HOME = path.join(tmp, 'config')
})
afterAll(() => {
  process.env.XDG_CONFIG_HOME = saved
  rmSync(tmp, {recursive: true, force: true})
})

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {out: t => out.push(t), err: t => err.push(t)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

describe('generate-test', () => {
  it('prints a Django TestCase for a request trace', async () => {
    const r = await cli('generate-test', bookshelf, REVIEW_302)
    expect(r.code).toBe(0)
    expect(r.out).toContain('class AddReviewTests(TestCase):')
    expect(r.out).toContain('book_1 = Book.objects.create(')
    expect(r.out).toContain(
      `kolo-explorer://open?project=${encodeURIComponent(bookshelf)}&trace=${REVIEW_302}`,
    )
  })

  it('prints a pytest test with --style pytest', async () => {
    const r = await cli('generate-test', bookshelf, REVIEW_302, '--style', 'pytest')
    expect(r.code).toBe(0)
    expect(r.out).toContain('pytestmark = pytest.mark.django_db')
    expect(r.out).toContain('def test_post_books_1_reviews_returns_302(client):')
    expect(r.out).toContain('assert response.status_code == 302')
  })

  it('tests one function with --frame, by node number or frame id', async () => {
    const byNode = await cli('generate-test', bookshelf, BOOK_LIST, '--frame', '5')
    expect(byNode.code).toBe(0)
    expect(byNode.out).toContain('result = book_1.average_rating()')
    const frameId = /&frame=(frm_\w+)/.exec(byNode.out)?.[1]
    expect(frameId).toBeDefined()
    const byId = await cli('generate-test', bookshelf, BOOK_LIST, '--frame', frameId!)
    expect(byId).toMatchObject({code: 0, out: byNode.out})
  })

  it('writes with -o, refuses to overwrite without --force', async () => {
    const file = path.join(tmp, 'test_review.py')
    const first = await cli('generate-test', bookshelf, REVIEW_302, '-o', file)
    expect(first.code).toBe(0)
    expect(first.out).toMatch(
      /^wrote .*test_review\.py: 2 rows arranged, 0 HTTP calls mocked, \d+ asserts/,
    )
    expect(readFileSync(file, 'utf8')).toContain('class AddReviewTests(TestCase):')
    writeFileSync(file, 'mine\n')
    const again = await cli('generate-test', bookshelf, REVIEW_302, '-o', file)
    expect(again.code).toBe(1)
    expect(again.err).toContain('exists; pass --force')
    expect(readFileSync(file, 'utf8')).toBe('mine\n')
    const forced = await cli('generate-test', bookshelf, REVIEW_302, '-o', file, '--force')
    expect(forced.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('class AddReviewTests(TestCase):')
  })

  it('exits 1 with the reason when there is nothing to test', async () => {
    // Node 3 of GET / is a list comprehension: not importable, so not testable on its own.
    const r = await cli('generate-test', bookshelf, BOOK_LIST, '--frame', '3')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/nothing to test: .*comprehension/)
    const missing = await cli('generate-test', bookshelf, 'trc_NOPE')
    expect(missing.code).toBe(1)
  })

  it('exits 2 on a bad command line', async () => {
    expect((await cli('generate-test', bookshelf)).code).toBe(2)
    expect((await cli('generate-test', bookshelf, REVIEW_302, '--style', 'nose')).code).toBe(2)
    expect((await cli('generate-test', bookshelf, REVIEW_302, '--bogus')).code).toBe(2)
  })
})

describe('writeTestFile', () => {
  it('never leaves a temp file and never clobbers without overwrite', () => {
    const file = path.join(tmp, 'app', 'tests', 'test_atomic.py')
    expect(writeTestFile(file, 'a\n', false)).toBe('written')
    expect(writeTestFile(file, 'b\n', false)).toBe('exists')
    expect(readFileSync(file, 'utf8')).toBe('a\n')
    expect(writeTestFile(file, 'c\n', true)).toBe('written')
    expect(readFileSync(file, 'utf8')).toBe('c\n')
    expect(readdirSync(path.dirname(file)).filter(f => f.endsWith('.tmp'))).toEqual([])
  })
})
