import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'
import packageJson from '../../package.json'
import {formatAge, formatMs, formatTraceTable} from './list'
import {commands, runCli} from './run'
import {parsePort, startServe} from './serve'

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const bookshelf = path.join(fixtures, 'bookshelf', 'app')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-cli-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {out: t => out.push(t), err: t => err.push(t)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

/** A private copy of the bookshelf store with one trace body replaced by bytes that are not msgpack. */
function storeWithBadBlob(): {root: string; traceId: string} {
  const root = path.join(tmp, 'bad-blob')
  mkdirSync(path.join(root, '.kolo'), {recursive: true})
  const db = path.join(root, '.kolo', 'db.sqlite3')
  copyFileSync(path.join(bookshelf, '.kolo', 'db.sqlite3'), db)
  const conn = new Database(db)
  const row = conn.prepare('SELECT id FROM traces ORDER BY created_at DESC LIMIT 1').get() as {
    id: string
  }
  conn
    .prepare('UPDATE traces SET msgpack = ? WHERE id = ?')
    .run(Buffer.from([0xc1, 0xc1, 0xc1]), row.id)
  conn.close()
  return {root, traceId: row.id}
}

describe('kolo-explorer CLI', () => {
  it('prints help and version', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    for (const name of Object.keys(commands)) expect(help.out).toContain(`kolo-explorer ${name}`)
    expect(await cli('--version')).toMatchObject({code: 0, out: packageJson.version})
  })

  it('exits 2 with a usage message on a bad command line', async () => {
    for (const argv of [
      ['--nope'],
      ['list'],
      ['show', bookshelf],
      ['list', bookshelf, '--bogus'],
    ]) {
      const result = await cli(...argv)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.err).toMatch(/^kolo-explorer: /)
      expect(result.err).not.toMatch(/\n\s+at /)
    }
    expect((await cli('serve', '--port', 'http')).code).toBe(2)
    expect((await cli('frobnicate', 'x')).code).toBe(2)
    expect((await cli('demo', 'somewhere')).code).toBe(2)
  })

  it('lists a store as a table and as JSON', async () => {
    const table = await cli('list', bookshelf)
    expect(table.code).toBe(0)
    const lines = table.out.split('\n')
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+METHOD\s+PATH\s+DURATION\s+RECORDS\s+AGE$/)
    expect(lines).toHaveLength(16)
    expect(table.out).toContain('trc_')
    const json = await cli('list', bookshelf, '--json')
    const traces = JSON.parse(json.out) as {id: string}[]
    expect(traces).toHaveLength(15)
    expect(traces[0]?.id).toMatch(/^trc_/)
  })

  it('exits 1 naming the folder when it holds no store', async () => {
    const empty = path.join(tmp, 'empty')
    mkdirSync(empty)
    const result = await cli('list', empty)
    expect(result.code).toBe(1)
    expect(result.err).toContain(empty)
    expect(result.err).not.toMatch(/\n\s+at /)
    const missing = await cli('list', path.join(tmp, 'missing'))
    expect(missing).toMatchObject({code: 1})
    expect(missing.err).toContain('no such file or folder')
  })

  it('exits 1 naming the file when the database is garbage', async () => {
    const root = path.join(tmp, 'corrupt')
    mkdirSync(path.join(root, '.kolo'), {recursive: true})
    const db = path.join(root, '.kolo', 'db.sqlite3')
    writeFileSync(db, Buffer.alloc(8192, 0x5a))
    const result = await cli('list', root)
    expect(result.code).toBe(1)
    expect(result.err).toContain('db.sqlite3')
  })

  it('shows a trace as one line per node, and as JSON', async () => {
    const traces = JSON.parse((await cli('list', bookshelf, '--json')).out) as {
      id: string
      kind: string
    }[]
    const first = traces.find(t => t.kind === 'request')
    const text = await cli('show', bookshelf, first!.id)
    expect(text.code).toBe(0)
    expect(text.out.split('\n')[0]).toMatch(/^request\s+GET /)
    const json = await cli('show', bookshelf, first!.id, '--json')
    const parsed = JSON.parse(json.out) as {meta: {traceId: string}; nodes: {kind: string}[]}
    expect(parsed.meta.traceId).toBe(first!.id)
    expect(parsed.nodes.length).toBe(text.out.split('\n').length)
  })

  it('exits 1 naming the trace when its body is not msgpack, or it does not exist', async () => {
    const {root, traceId} = storeWithBadBlob()
    const bad = await cli('show', root, traceId)
    expect(bad.code).toBe(1)
    expect(bad.err).toContain(traceId)
    expect(bad.err).not.toMatch(/\n\s+at /)
    const missing = await cli('show', bookshelf, 'trc_nope')
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('trc_nope')
  })

  it('explains and suggests serve when the desktop app cannot start', async () => {
    const result = await cli(bookshelf)
    expect(result.code).toBe(1)
    expect(result.err).toContain('kolo-explorer serve')
  })
})

describe('serve from the CLI', () => {
  it('serves the given stores and prints the URL', async () => {
    const staticDir = path.join(tmp, 'bundle')
    mkdirSync(staticDir, {recursive: true})
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    const out: string[] = []
    const session = await startServe(
      [bookshelf],
      {port: 0, staticDir},
      {
        out: t => out.push(t),
        err: t => out.push(t),
      },
    )
    try {
      expect(out.join('\n')).toContain(session.server.url)
      const res = await fetch(session.server.url, {redirect: 'manual'})
      expect(res.status).toBe(303)
      const projects = await session.service.listProjects({})
      expect(projects[0]).toMatchObject({traceCount: 15})
    } finally {
      await session.close()
    }
    await expect(
      startServe([path.join(tmp, 'nowhere')], {port: 0, staticDir}, {out: () => {}, err: () => {}}),
    ).rejects.toThrow(/no such file or folder/)
  })
})

describe('serve with a link', () => {
  it('prints the URL with the link beside the token, and refuses a bad link up front', async () => {
    const staticDir = path.join(tmp, 'bundle-link')
    mkdirSync(staticDir, {recursive: true})
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
    const link = `kolo-explorer://open?project=${encodeURIComponent(bookshelf)}&trace=trc_1`
    const out: string[] = []
    const io = {out: (t: string) => out.push(t), err: (t: string) => out.push(t)}
    const session = await startServe([bookshelf], {port: 0, staticDir, link}, io)
    try {
      expect(out.join('\n')).toContain(`${session.server.url}&link=${encodeURIComponent(link)}`)
    } finally {
      await session.close()
    }
    await expect(
      startServe([bookshelf], {port: 0, staticDir, link: 'kolo-explorer://open?project=x'}, io),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/--link: .*not an absolute path/) as unknown,
    })
    expect(
      (await cli('serve', 'kolo-explorer://open?project=/a', '--link', 'kolo-explorer://b')).code,
    ).toBe(2)
  })
})

describe('CLI formatting', () => {
  it('formats ages, durations and ports', () => {
    const now = Date.parse('2024-05-01T12:00:00Z')
    expect(formatAge('2024-05-01T11:59:15Z', now)).toBe('45s')
    expect(formatAge('2024-05-01T09:00:00Z', now)).toBe('3h')
    expect(formatAge('2024-04-21T12:00:00Z', now)).toBe('10d')
    expect(formatAge('2022-05-01T12:00:00Z', now)).toBe('2y')
    expect(formatMs(0.25)).toBe('250µs')
    expect(formatMs(12.4)).toBe('12ms')
    expect(formatMs(1430)).toBe('1.4s')
    expect(parsePort('8080')).toBe(8080)
    expect(parsePort(undefined)).toBe(0)
    expect(() => parsePort('-1')).toThrow(/not a port/)
    expect(() => parsePort('70000')).toThrow(/not a port/)
  })

  it('aligns the trace table', () => {
    const lines = formatTraceTable(
      [
        {
          id: 'trc_1',
          name: '200 GET /books/',
          createdAt: '2024-05-01T11:00:00Z',
          kind: 'request',
          storage: 'sqlite-msgpack',
          status: 200,
          method: 'GET',
          path: '/books/',
          durationMs: 12,
          recordCount: 140,
        },
        {
          id: 'trc_2',
          name: 'a test',
          createdAt: '2024-05-01T10:00:00Z',
          kind: 'test',
          storage: 'x',
        },
      ],
      Date.parse('2024-05-01T12:00:00Z'),
    )
    expect(lines).toEqual([
      'ID     NAME             STATUS  METHOD  PATH     DURATION  RECORDS  AGE',
      'trc_1  200 GET /books/     200  GET     /books/      12ms      140   1h',
      'trc_2  a test                                                        2h',
    ])
  })
})
