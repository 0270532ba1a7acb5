import Database from 'better-sqlite3'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {nodeKindNames} from '../../../shared/model/node-kind'
import {decodeTraceBody} from '../decode'
import {PyCollection, PyDecimal, PyRepr, PyTemporal, PyUnserializable} from '../decode/py-objects'
import {buildTraceModel} from '../model/build-trace'
import {DEMO_STAMP, ensureDemoStore} from './demo-store'
import {demoSources} from './demo-source'
import {demoTraces} from './demo-traces'
import {decodeExact} from '../testing/exact-decoder'
import {PyIntExt, encodeKolo} from '../kolo-writer/msgpack-writer'

const temps: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kolo-demo-'))
  temps.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, {recursive: true, force: true})
})

type Rec = Map<string, unknown>
const traces = demoTraces()
const threadsOf = (t: Map<string, unknown>): Map<string, {frames: Rec[]}> =>
  t.get('threads') as Map<string, {frames: Rec[]}>
const allRecords = (t: Map<string, unknown>): Rec[] =>
  [...threadsOf(t).values()].flatMap(thread => thread.frames)
const names = traces.map(t => t.get('trace_name'))

describe('demo traces', () => {
  it('are the four expected traces, the same bytes on every run', () => {
    expect(names).toEqual([
      '200 GET /orders/',
      '200 GET /orders/42/',
      '500 POST /checkout/',
      'OrderListTests.test_list_shows_customers',
    ])
    const again = demoTraces()
    traces.forEach((t, i) =>
      expect(Buffer.from(encodeKolo(t)).equals(encodeKolo(again[i]))).toBe(true),
    )
  })

  it('start like a Kolo 2.40 dump and round-trip', () => {
    for (const t of traces) {
      const bytes = encodeKolo(t)
      expect(Buffer.from(bytes.subarray(0, 19)).toString('latin1')).toBe(
        '\x8a\xb1command_line_args',
      )
      expect(Buffer.from(encodeKolo(decodeExact(bytes))).equals(bytes)).toBe(true)
    }
  })

  it('point every frame at a line of an existing demo source file', () => {
    expect(traces.map(t => allRecords(t).length).every(n => n > 10)).toBe(true)
    for (const t of traces) {
      for (const r of allRecords(t).filter(r => r.get('type') === 'frame')) {
        const [file, line] = String(r.get('path')).split(':')
        const text = demoSources[file ?? '']
        expect(text, String(r.get('path'))).toBeDefined()
        expect(Number(line)).toBeGreaterThan(0)
        expect(Number(line)).toBeLessThanOrEqual((text ?? '').split('\n').length)
      }
    }
  })

  it('open and close spans in order, with increasing timestamps and known call sites', () => {
    const outside = new Set<string>()
    for (const t of traces) {
      for (const {frames} of threadsOf(t).values()) {
        const open: string[] = []
        const ids = new Set(frames.map(r => r.get('frame_id')))
        let last = 0
        for (const r of frames) {
          const ts = r.get('timestamp') as number
          expect(ts).toBeGreaterThanOrEqual(last)
          last = ts
          const site = r.get('user_code_call_site') as Map<string, unknown> | null
          const caller = site?.get('call_frame_id') as string | undefined
          if (caller !== undefined && !ids.has(caller)) outside.add(caller)
          const type = String(r.get('type'))
          const id = String(r.get('frame_id'))
          const opens =
            r.get('event') === 'call' ||
            /^(django_request|start_sql_query|outbound_http_request|django_template_start|start_test|background_job)$/.test(
              type,
            )
          const closes =
            r.get('event') === 'return' ||
            /^(django_response|end_sql_query|outbound_http_response|django_template_end|end_test|background_job_end)$/.test(
              type,
            )
          if (opens) open.push(id)
          if (closes) expect(open.pop()).toBe(id)
        }
        expect(open).toEqual([])
      }
    }
    // Only the test runner's frame, which Kolo did not trace, is named from outside the trace.
    expect(outside.size).toBe(1)
  })

  it('hold an N+1 pattern: 3+ identical templates from one call site', () => {
    const list = allRecords(traces[0] as Map<string, unknown>)
    const bySite = new Map<string, number>()
    for (const r of list.filter(r => r.get('type') === 'end_sql_query')) {
      const site = r.get('user_code_call_site') as Map<string, unknown>
      const key = `${String(r.get('query_template'))}@${String(site.get('line_number'))}`
      bySite.set(key, (bySite.get(key) ?? 0) + 1)
    }
    expect(Math.max(...bySite.values())).toBeGreaterThanOrEqual(3)
  })

  it('carry values of every Kolo type', () => {
    const seen = new Set<string>()
    const visit = (v: unknown): void => {
      if (v instanceof PyCollection) {
        seen.add(v.type)
        v.items.forEach(visit)
      } else if (v instanceof PyTemporal) seen.add(v.type)
      else if (v instanceof PyRepr) seen.add('repr')
      else if (v instanceof PyDecimal) seen.add('decimal')
      else if (v instanceof PyUnserializable) seen.add('unserializable')
      else if (v instanceof PyIntExt || typeof v === 'bigint') seen.add('ext4')
      else if (v instanceof Uint8Array) seen.add('bytes')
      else if (v instanceof Map) {
        for (const [k, x] of v) {
          if (typeof k === 'number') seen.add('int key')
          visit(x)
        }
      } else if (Array.isArray(v)) v.forEach(visit)
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit)
      else seen.add(v === null ? 'none' : typeof v)
    }
    traces.forEach(t => allRecords(t).forEach(visit))
    for (const kind of [
      'tuple',
      'set',
      'frozenset',
      'datetime',
      'date',
      'time',
      'repr',
      'decimal',
      'unserializable',
      'ext4',
      'bytes',
      'int key',
      'none',
      'string',
      'number',
      'boolean',
    ]) {
      expect(seen, kind).toContain(kind)
    }
  })

  it('build trees with every node kind a 2.40 store can hold', () => {
    const kinds = new Set<string>()
    for (const t of traces) {
      const decoded = decodeTraceBody(encodeKolo(t), {source: `demo#${String(t.get('trace_id'))}`})
      const {model, exceptions} = buildTraceModel(decoded, {thread: '*'})
      for (let i = 0; i < model.nodeCount; i++) kinds.add(nodeKindNames[model.kind[i] ?? 0] ?? '?')
      if (t.get('trace_name') === '500 POST /checkout/') {
        const main = buildTraceModel(decoded)
        expect(main.exceptions).toHaveLength(1)
        expect(main.exceptions[0]?.origin).toBeGreaterThan(0)
        expect(exceptions.length).toBeGreaterThanOrEqual(0)
      }
    }
    // 'flushed' (subtree_flushed) exists only in Kolo 3.x traces.
    expect([...kinds].sort()).toEqual(
      [
        'exception',
        'frame',
        'job',
        'log',
        'outbound',
        'request',
        'sql',
        'template',
        'test',
        'thread',
      ].sort(),
    )
  })
})

describe('ensureDemoStore', () => {
  it('writes the project with its sources and a 2.40 store, once', () => {
    const base = tempDir()
    const project = ensureDemoStore(base)
    expect(project).toBe(path.join(base, 'demo'))
    expect(readFileSync(path.join(project, 'orders/views.py'), 'utf8')).toBe(
      demoSources['orders/views.py'],
    )
    const dbPath = path.join(project, '.kolo', 'db.sqlite3')
    const db = new Database(dbPath, {readonly: true})
    const rows = db.prepare('SELECT id, msgpack FROM traces ORDER BY id').all() as {
      id: string
      msgpack: Buffer
    }[]
    db.close()
    expect(rows.map(r => r.id)).toEqual(traces.map(t => t.get('trace_id')))
    const mtime = statSync(dbPath).mtimeMs
    expect(ensureDemoStore(base)).toBe(project)
    expect(statSync(dbPath).mtimeMs).toBe(mtime)
  })

  it('rewrites an outdated demo and refuses a folder that is not one', () => {
    const base = tempDir()
    const project = ensureDemoStore(base)
    writeFileSync(path.join(project, DEMO_STAMP), '0\n')
    writeFileSync(path.join(project, 'stale.txt'), 'x')
    ensureDemoStore(base)
    expect(existsSync(path.join(project, 'stale.txt'))).toBe(false)
    expect(readFileSync(path.join(project, DEMO_STAMP), 'utf8')).not.toBe('0\n')

    const other = tempDir()
    mkdirSync(path.join(other, 'demo'))
    expect(() => ensureDemoStore(other)).toThrow(/not a Kolo Explorer demo/)
  })
})
