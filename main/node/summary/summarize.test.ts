import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {writeKolo2Store} from '../kolo-writer/kolo2-store'
import {encodeKolo} from '../kolo-writer/msgpack-writer'
import {buildTraceModel} from '../model/build-trace'
import {openStore} from '../store'
import {RecordMaker, fakeTrace} from '../testing/fake-trace'
import {tempDir} from '../testing/store-helpers'
import {summarizeTrace} from './summarize'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})

// A `kolo run fib.py 25` trace as Kolo 2.40 writes it: no trace_name, no request, no test.
function koloRunTrace(args: string[]): Map<string, unknown> {
  const m = new RecordMaker()
  const frames = [
    m.call('f1', 'fib.main', 'fib.py:10', {co_name: 'main'}),
    m.call('f2', 'fib.fib', 'fib.py:1', {co_name: 'fib'}),
    m.ret('f2', 'fib.fib', 'fib.py:3', {co_name: 'fib', arg: 75025}),
    m.ret('f1', 'fib.main', 'fib.py:12', {co_name: 'main'}),
  ]
  return new Map<string, unknown>([
    ['command_line_args', args],
    ['current_commit_sha', null],
    ['current_thread_id', 'native_7'],
    ['meta', {version: '2.40.0', source: 'kolo run', config: {use_monitoring: false}}],
    ['timestamp', 1000],
    ['trace_id', 'trc_01M8AECR889F4M33DWTT69S3XA'],
    ['trace_name', null],
    ['frames_of_interest', []],
    ['frames', {}],
    ['threads', {native_7: {name: 'MainThread', ident: 7, native_id: 7, frames}}],
  ])
}

describe('trace names without trace_name, request or test', () => {
  it('names a kolo run trace by its command line, in the list and in the model', () => {
    const body = encodeKolo(koloRunTrace(['fib.py', '25']))
    const decoded = decodeTraceBody(body, {source: 'fib'})
    expect(summarizeTrace(decoded).name).toBe('fib.py 25')
    expect(buildTraceModel(decoded).model.meta.name).toBe('fib.py 25')

    const project = tempDir('kolo-run-name-')
    dirs.push(project)
    writeKolo2Store(project, [koloRunTrace(['fib.py', '25'])])
    const store = openStore(project, {cacheDir: path.join(project, 'cache')})
    const [row] = store.listTraces().traces
    store.close()
    expect([row?.name, row?.kind, row?.id]).toEqual([
      'fib.py 25',
      'script',
      'trc_01M8AECR889F4M33DWTT69S3XA',
    ])
  })

  it('names it by its root call when no command line was recorded', () => {
    const decoded = decodeTraceBody(encodeKolo(koloRunTrace([])), {source: 'fib'})
    expect(summarizeTrace(decoded).name).toBe('fib.main')
    expect(buildTraceModel(decoded).model.meta.name).toBe('fib.main')
    const m = new RecordMaker()
    const noQualname = fakeTrace({
      main: [
        m.call('a', '', 'job.py:4', {qualname: null, co_name: 'run'}),
        m.ret('a', '', 'job.py:9', {qualname: null, co_name: 'run'}),
      ],
    })
    expect(summarizeTrace(noQualname).name).toBe('job.py:4 run')
    expect(summarizeTrace(fakeTrace({main: []})).name).toBe('trc_TEST')
  })

  it('keeps trace_name, tests and requests first', () => {
    const named = koloRunTrace(['fib.py', '25'])
    named.set('trace_name', 'my run')
    const decoded = decodeTraceBody(encodeKolo(named), {source: 'fib'})
    expect([summarizeTrace(decoded).name, buildTraceModel(decoded).model.meta.name]).toEqual([
      'my run',
      'my run',
    ])
  })
})
