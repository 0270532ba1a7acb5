import {describe, expect, it} from 'vitest'
import {baseName, formatAge, formatBytes, formatDurationNs, formatLabel} from './format'

describe('format', () => {
  it.each([
    [500, '500 ns'],
    [12_340, '12.3 µs'],
    [4_560_000, '4.56 ms'],
    [123_400_000, '123 ms'],
    [1_200_000_000, '1.20 s'],
    [125_000_000_000, '2m 05s'],
    [-1, '–'],
  ])('formatDurationNs(%s) = %s', (ns, text) => expect(formatDurationNs(ns)).toBe(text))

  it('formats bytes, ages and base names', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(4.5 * 1024 * 1024)).toBe('4.50 MB')
    const now = Date.parse('2024-01-10T00:00:00Z')
    expect(formatAge('2024-01-10T00:00:00Z', now)).toBe('now')
    expect(formatAge('2024-01-09T23:55:00Z', now)).toBe('5m ago')
    expect(formatAge('2024-01-08T00:00:00Z', now)).toBe('2d ago')
    expect(formatAge('2023-01-08T00:00:00Z', now)).toBe('2023-01-08')
    expect(baseName('app/books/views.py')).toBe('views.py')
  })

  it('names formats and versions', () => {
    expect(formatLabel('kolo-2', '2.40.0')).toBe('Kolo 2.40.0')
    expect(formatLabel('kolo-3', undefined)).toBe('Kolo 3.x')
    expect(formatLabel('file', undefined)).toBe('trace file')
  })
})
