import {describe, expect, it} from 'vitest'
import {py} from '../values/py-value'
import type {PyValue} from '../values/py-value'
import {formatLogMessage, percentFormat} from './log-format'

const tuple = (...items: PyValue[]): PyValue => py.tuple(items)

describe('formatLogMessage', () => {
  it.each<[string, PyValue | undefined, string]>([
    ['rejected review for book %s', tuple(py.int(2)), 'rejected review for book 2'],
    ['no args %s', undefined, 'no args %s'],
    ['empty tuple keeps %%', tuple(), 'empty tuple keeps %%'],
    ['%r and %s', tuple(py.str('a'), py.str('b')), "'a' and b"],
    ['%d items, %.2f%%', tuple(py.int(3), py.float(1.5)), '3 items, 1.50%'],
    ['%5s|%-5s|%05d', tuple(py.str('ab'), py.str('cd'), py.int(42)), '   ab|cd   |00042'],
    ['%x %o %c', tuple(py.int(255), py.int(8), py.int(65)), 'ff 10 A'],
    ['%(user)s logged in', tuple(py.dict([[py.str('user'), py.str('ann')]])), 'ann logged in'],
    ['%s', tuple(py.none), 'None'],
    ['%s', tuple(py.tuple([py.int(1)])), '(1,)'],
  ])('%s %% args', (msg, args, expected) => {
    expect(formatLogMessage(py.str(msg), args)).toBe(expected)
  })

  it('shows message and arguments when Python would raise', () => {
    expect(formatLogMessage(py.str('%s %s'), tuple(py.int(1)))).toBe('%s %s (1,)')
    expect(formatLogMessage(py.str('%d'), tuple(py.str('x')))).toBe("%d ('x',)")
    expect(formatLogMessage(py.str('none'), tuple(py.int(1)))).toBe('none (1,)')
  })

  it('formats a repr message as its text', () => {
    expect(formatLogMessage(py.repr('<Thing>'), undefined)).toBe('<Thing>')
  })

  it('percentFormat raises on a missing key', () => {
    expect(() => percentFormat('%(a)s', [], py.dict([]))).toThrow(/KeyError/)
  })
})
