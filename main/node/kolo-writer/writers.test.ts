import Database from 'better-sqlite3'
import {Unpackr, addExtension} from 'msgpackr'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {
  PyCollection,
  PyDecimal,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyUnknownExt,
  PyUnserializable,
} from '../decode/py-objects'
import {decodeExact} from '../testing/exact-decoder'
import {writeKolo2Store} from './kolo2-store'
import {writeKoloContainer} from './kolo3-container'
import {writeKolo3Store} from './kolo3-store'
import {PyFloat, PyIntExt, bigIntBytes, encodeKolo} from './msgpack-writer'
import {seededRandom, traceId, ulid, ulidTimeMs} from './ulid'
import {FIXTURES, openFixtureImage} from '../testing/fixtures'

const BOOKSHELF_DB = `${FIXTURES}/bookshelf/app/.kolo/db.sqlite3`
const hasFixtures = existsSync(BOOKSHELF_DB)
const temps: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kolo-writer-'))
  temps.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true})
})

const samples: [string, unknown][] = [
  ['repr (ext 0)', new PyRepr('<Order: #42 (paid)>')],
  ['datetime (ext 1)', new PyTemporal('datetime', '2025-01-15T10:30:00.123456+00:00')],
  ['date (ext 2)', new PyTemporal('date', '2025-01-15')],
  ['time (ext 3)', new PyTemporal('time', '10:30:00')],
  ['int beyond 64 bits (ext 4)', new PyIntExt(2n ** 70n + 5n)],
  ['negative int beyond 64 bits (ext 4)', new PyIntExt(-(2n ** 90n))],
  ['int subclass (ext 4)', new PyIntExt(3n)],
  ['Decimal (ext 5)', new PyDecimal('1299.99')],
  ['tuple (ext 6)', new PyCollection('tuple', [1, 'a', null, new PyDecimal('2.50')])],
  ['set (ext 7)', new PyCollection('set', ['x', 'y'])],
  ['frozenset (ext 8)', new PyCollection('frozenset', [new PyCollection('tuple', [1, 2])])],
  ['value ref (ext 9)', new PyMissingRef(7)],
  ['unserializable (ext 127)', new PyUnserializable('orders.payments.GatewaySession')],
  ['unknown ext', new PyUnknownExt(42, Uint8Array.from([1, 2, 3]))],
  ['bytes', Uint8Array.from([0, 255, 16])],
  [
    'map with non-str keys',
    new Map<unknown, unknown>([
      [1, 'one'],
      [null, 'none'],
      [new PyCollection('tuple', [1, 2]), 'pair'],
    ]),
  ],
  ['integral float', new PyFloat(5)],
  [
    'scalars',
    [0, -1, -33, 127, 128, 65536, 2 ** 40, -(2 ** 40), 1.5, true, false, null, '', 'é'.repeat(40)],
  ],
]

describe('encodeKolo', () => {
  it.each(samples)('round-trips %s', (_, value) => {
    expect(decodeExact(encodeKolo(value))).toEqual(value)
  })

  it('writes ext 6/7/8 payloads as nested msgpack documents', () => {
    const bytes = encodeKolo(new PyCollection('tuple', [1, 2]))
    expect(Buffer.from(bytes).toString('hex')).toBe('c70306' + '920102')
  })

  it('writes bigints beyond 64 bits as ext 4, within 64 bits as ints', () => {
    expect(decodeExact(encodeKolo(2n ** 70n))).toEqual(new PyIntExt(2n ** 70n))
    expect(Buffer.from(encodeKolo(2n ** 63n)).toString('hex')).toBe('cf8000000000000000')
    expect(Buffer.from(encodeKolo(-(2n ** 40n))).toString('hex')).toBe('d3ffffff0000000000')
  })

  it('writes ints beyond 64 bits as Python does (two’s complement, one spare byte)', () => {
    expect([...bigIntBytes(2n ** 64n)]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    expect([...bigIntBytes(-128n)]).toEqual([0xff, 0x80])
  })

  it('decodes with msgpackr and Kolo ext handlers (an independent reader)', () => {
    const holder: {unpackr?: Unpackr} = {}
    const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8')
    addExtension({type: 0, unpack: b => new PyRepr(text(b))})
    addExtension({type: 5, unpack: b => new PyDecimal(text(b))})
    addExtension({
      type: 6,
      unpack: b => new PyCollection('tuple', holder.unpackr?.unpack(b) as unknown[]),
    })
    addExtension({type: 1, unpack: b => new PyTemporal('datetime', text(b))})
    const unpackr = new Unpackr({mapsAsObjects: false, useRecords: false})
    holder.unpackr = unpackr
    const value = new Map<unknown, unknown>([
      ['when', new PyTemporal('datetime', '2025-01-15T10:30:00')],
      ['row', new PyCollection('tuple', [1, new PyDecimal('9.99'), new PyRepr('<Book>')])],
    ])
    expect(unpackr.unpack(Buffer.from(encodeKolo(value)))).toEqual(value)
  })
})

describe.skipIf(!hasFixtures)('byte-for-byte like Kolo 2.40 and 3.3', () => {
  const rows = (): {id: string; msgpack: Buffer}[] => {
    const db = openFixtureImage(BOOKSHELF_DB)
    try {
      return db.prepare('SELECT id, msgpack FROM traces ORDER BY id').all() as {
        id: string
        msgpack: Buffer
      }[]
    } finally {
      db.close()
    }
  }

  it('re-encodes every bookshelf trace to the bytes Kolo wrote', () => {
    const all = rows()
    expect(all.length).toBe(15)
    for (const row of all) {
      expect(Buffer.from(encodeKolo(decodeExact(row.msgpack))).equals(row.msgpack), row.id).toBe(
        true,
      )
      expect(row.msgpack.subarray(0, 19).toString('latin1')).toBe('\x8a\xb1command_line_args')
    }
  })

  it('writes v3 containers identical to the bookshelf-v3 files', () => {
    for (const row of rows()) {
      const trace = decodeExact(row.msgpack) as Map<string, unknown>
      const expected = readFileSync(`${FIXTURES}/bookshelf-v3/.kolo/.internal/raw/${row.id}.kolo`)
      expect(Buffer.from(writeKoloContainer(trace)).equals(expected), row.id).toBe(true)
    }
  })
})

describe('store writers', () => {
  const trace = (id: string, timestamp: number): Map<string, unknown> =>
    new Map<string, unknown>([
      ['command_line_args', ['manage.py', 'runserver']],
      ['current_commit_sha', null],
      ['current_thread_id', 'native_1'],
      ['meta', {version: '2.40.0', source: 'kolo.middleware.KoloMiddleware', config: {}}],
      ['timestamp', timestamp],
      ['trace_id', id],
      ['trace_name', '200 GET /'],
      ['frames_of_interest', []],
      ['frames', new Map()],
      [
        'threads',
        {
          native_1: {
            name: 'MainThread',
            ident: 1,
            native_id: 1,
            daemon: false,
            is_alive: true,
            frames: [{type: 'x', timestamp: timestamp + 0.5}],
          },
        },
      ],
    ])
  const random = seededRandom(1)
  const t1 = trace(traceId(1_736_937_000, random), 1_736_937_000)
  const t2 = trace(traceId(1_736_937_100, random), 1_736_937_100)

  it('writes a Kolo 2.40 store: schema, WAL, rows', () => {
    const dir = tempDir()
    const dbPath = writeKolo2Store(dir, [t1, t2, t1])
    expect(dbPath).toBe(path.join(dir, '.kolo', 'db.sqlite3'))
    const db = new Database(dbPath, {readonly: true})
    const schema = db
      .prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name')
      .all()
    expect(schema.map(r => (r as {name: string}).name)).toEqual(['idx_traces_created_at', 'traces'])
    if (hasFixtures) {
      // The exact text Kolo 2.40 left in sqlite_master.
      const fixture = openFixtureImage(BOOKSHELF_DB)
      expect(schema).toEqual(
        fixture
          .prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name')
          .all(),
      )
      fixture.close()
    }
    expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
    const got = db.prepare('SELECT id, created_at, msgpack FROM traces ORDER BY id').all() as {
      id: string
      created_at: string
      msgpack: Buffer
    }[]
    db.close()
    expect(got.map(r => r.id)).toEqual([t1.get('trace_id'), t2.get('trace_id')])
    expect(got[0]?.created_at).toBe('2025-01-15 10:30:00.502')
    expect(decodeExact(got[1]?.msgpack ?? new Uint8Array())).toEqual(decodeExact(encodeKolo(t2)))
  })

  it('writes a Kolo 3.x store: index rows, raw files, no temp files left', () => {
    const dir = tempDir()
    const internal = writeKolo3Store(dir, [t1, t2])
    const files = readdirSync(path.join(internal, 'raw')).sort()
    expect(files).toEqual([
      `${String(t1.get('trace_id'))}.kolo`,
      `${String(t2.get('trace_id'))}.kolo`,
    ])
    const file = path.join(internal, 'raw', files[0] ?? '')
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('KOLOTRC3')
    expect(statSync(file).mtimeMs).toBe(Date.parse('2025-01-15T10:30:00.502Z'))
    const db = new Database(path.join(internal, 'db.sqlite3'), {readonly: true})
    const got = db.prepare('SELECT id, msgpack, data FROM traces ORDER BY id').all()
    db.close()
    expect(got).toEqual([
      {id: t1.get('trace_id'), msgpack: null, data: null},
      {id: t2.get('trace_id'), msgpack: null, data: null},
    ])
    const legacy = writeKolo3Store(tempDir(), [t1], {format: 'msgpack'})
    const body = readFileSync(path.join(legacy, 'raw', `${String(t1.get('trace_id'))}.msgpack`))
    expect(body.equals(encodeKolo(t1))).toBe(true)
  })

  it('interns large repeated strings into a value table when asked', () => {
    const big = 'x'.repeat(5000)
    const t = trace('trc_01JHJ3M5Z0AAAAAAAAAAAAAAAA', 1_736_937_000)
    t.set('threads', {native_1: {name: 'MainThread', frames: [{a: big}, {b: big}, {c: 'small'}]}})
    const plain = writeKoloContainer(t)
    const interned = writeKoloContainer(t, {internValues: true})
    expect(interned.length).toBeLessThan(plain.length - 4000)
    expect(Buffer.from(interned).includes(Buffer.from('KR3\0\x05'))).toBe(true)
  })
})

describe('ulid', () => {
  it('encodes the time in its first 10 characters', () => {
    const kolos = 'trc_01M8AECR889F4M33DWTT69S3XG' // a Kolo 2.40 trace id from the bookshelf store
    const id = ulid(ulidTimeMs(kolos), seededRandom(3))
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(id.slice(0, 10)).toBe(kolos.slice(4, 14))
    expect(traceId(ulidTimeMs(kolos) / 1000)).toMatch(/^trc_01M8AECR88/)
  })
})
