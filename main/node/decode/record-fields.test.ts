import {describe, expect, it} from 'vitest'
import {py} from '../../../shared/values/py-value'
import {withoutUnchanged} from '../model/node-details'
import {eventCode, Rec, typeCode} from '../model/record-codes'
import {
  exceptionMessage,
  isLibraryPath,
  logSeverity,
  pySlice,
  pyStr,
  splitPath,
  statusSeverity,
  testDisplayName,
} from './record-fields'
import {formatDurationNs} from '../model/tree-text'

describe('pure pieces', () => {
  it.each([
    ['shelf/views.py:12', 'shelf/views.py', 12],
    ['manage.py:0', 'manage.py', 0],
    ['C:\\app\\views.py:7', 'C:\\app\\views.py', 7],
    ['<frozen importlib._bootstrap>:241', '<frozen importlib._bootstrap>', 241],
    ['no-line.py', 'no-line.py', 0],
    ['weird:tail', 'weird:tail', 0],
    ['', '', 0],
  ])('splitPath(%j)', (path, file, line) => {
    expect(splitPath(path)).toEqual({file, line})
  })

  it.each([
    ['shelf/views.py', false],
    ['manage.py', false],
    ['../../usr/lib/python3/dist-packages/django/x.py', true],
    ['/usr/lib/python3.11/json/__init__.py', true],
    ['C:\\Python\\lib\\x.py', true],
    ['venv/lib/python3.12/site-packages/requests/api.py', true],
    ['lib/dist-packages/x.py', true],
    ['..hidden/x.py', false],
  ])('isLibraryPath(%j) = %j', (file, library) => {
    expect(isLibraryPath(file)).toBe(library)
  })

  it.each([
    ['WARNING', 'warning'],
    ['warn', 'warning'],
    ['ERROR', 'error'],
    ['CRITICAL', 'error'],
    ['INFO', undefined],
    [30, 'warning'],
    [50, 'error'],
    [20, undefined],
    [null, undefined],
  ])('logSeverity(%j) = %j', (level, severity) => {
    expect(logSeverity(level)).toBe(severity)
  })

  it.each([
    [200, undefined],
    [302, undefined],
    [400, 'warning'],
    [404, 'warning'],
    [500, 'error'],
    [null, undefined],
  ])('statusSeverity(%j) = %j', (status, severity) => {
    expect(statusSeverity(status)).toBe(severity)
  })

  it.each([
    ['abc', 50, 'abc'],
    ['x'.repeat(60), 50, 'x'.repeat(50)],
    ['😀'.repeat(3), 2, '😀😀'],
  ])('pySlice(%j, %j)', (s, n, out) => {
    expect(pySlice(s, n)).toBe(out)
  })

  it.each([
    [null, 'None'],
    [undefined, 'None'],
    [true, 'True'],
    [false, 'False'],
    [3, '3'],
    ['s', 's'],
  ])('pyStr(%j) = %j', (v, out) => {
    expect(pyStr(v)).toBe(out)
  })

  it('names tests and exceptions', () => {
    expect(testDisplayName('test_x', 'K')).toBe('K.test_x')
    expect(testDisplayName('test_x', null)).toBe('test_x')
    expect(testDisplayName(undefined, 'K')).toBeUndefined()
    expect(exceptionMessage(['a\n', 'ValueError: bad\n'])).toBe('ValueError: bad')
    expect(exceptionMessage([])).toBeUndefined()
    expect(exceptionMessage('x')).toBeUndefined()
  })

  it.each([
    ['call', Rec.openFrame],
    ['resume', Rec.openFrame],
    ['throw', Rec.openFrame],
    ['return', Rec.closeFrame],
    ['unwind', Rec.closeFrame],
    ['yield', Rec.closeFrame],
    ['line', Rec.skip],
    ['c_call', Rec.skip],
  ])('eventCode(%j)', (event, code) => {
    expect(eventCode(event)).toBe(code)
  })

  it.each([
    ['django_request', Rec.openRequest],
    ['django_response', Rec.closeRequest],
    ['start_sql_query', Rec.openSql],
    ['end_sql_query', Rec.closeSql],
    ['django_checks_start', Rec.openSetup],
    ['django_create_test_db_end', Rec.closeSetup],
    ['subtree_flushed', Rec.flushed],
    ['exception', Rec.exception],
    ['sql_query_data', Rec.skip],
    ['my_plugin', Rec.skip],
    [undefined, Rec.skip],
  ])('typeCode(%j)', (type, code) => {
    expect(typeCode(type)).toBe(code)
  })

  it.each([
    [0, '0 ns'],
    [999, '999 ns'],
    [1500, '1.50 µs'],
    [18_740_000, '18.7 ms'],
    [2_410_000_000, '2.41 s'],
  ])('formatDurationNs(%j) = %j', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text)
  })

  it('withoutUnchanged keeps new and changed locals only', () => {
    const args = py.dict([
      [py.str('a'), py.int(1)],
      [py.str('b'), py.list([py.int(1)])],
    ])
    const locals = py.dict([
      [py.str('a'), py.int(1)],
      [py.str('b'), py.list([py.int(1), py.int(2)])],
      [py.str('c'), py.str('new')],
    ])
    expect(withoutUnchanged(locals, args)).toEqual(
      py.dict([
        [py.str('b'), py.list([py.int(1), py.int(2)])],
        [py.str('c'), py.str('new')],
      ]),
    )
    expect(withoutUnchanged(py.none, args)).toEqual(py.none)
  })
})
