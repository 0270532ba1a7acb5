import {describe, expect, it} from 'vitest'
import {isoFromMs, parseCreatedAt, rowTimeMs, ulidTimeMs} from './created-at'
import {sniffBytes} from './sniff'

describe('created_at', () => {
  it.each([
    ['2021-06-01 12:00:00', '2021-06-01T12:00:00.000Z'],
    ['2026-11-25 22:49:32.165', '2026-11-25T22:49:32.165Z'],
    ['2026-11-25T22:49:32.165Z', '2026-11-25T22:49:32.165Z'],
    ['2026-11-25T22:49:32.165123', '2026-11-25T22:49:32.165Z'],
    ['2026-11-25 23:49:32+01:00', '2026-11-25T22:49:32.000Z'],
    ['2026-11-25 17:49:32-0500', '2026-11-25T22:49:32.000Z'],
    ['2026-11-25', '2026-11-25T00:00:00.000Z'],
    ['1764110972.165', '2025-11-25T22:49:32.165Z'],
    [1764110972, '2025-11-25T22:49:32.000Z'],
  ])('%s is %s in UTC', (input, iso) => {
    const ms = parseCreatedAt(input)
    expect(ms).toBeDefined()
    expect(isoFromMs(ms ?? 0)).toBe(iso)
  })

  it('gives up on nonsense, then uses the ULID time, then the epoch', () => {
    expect(parseCreatedAt('yesterday-ish')).toBeUndefined()
    expect(parseCreatedAt(null)).toBeUndefined()
    expect(isoFromMs(rowTimeMs('??', 'trc_01M8AECR7PHKNA3ZRXSA6Q0XC0'))).toBe(
      '2026-11-25T22:49:32.150Z',
    )
    expect(rowTimeMs(undefined, 'inv_5b0e8c1e-0000-4000-8000-000000000000')).toBe(0)
    expect(ulidTimeMs('trc_not-a-ulid')).toBeUndefined()
  })
})

describe('sniffBytes', () => {
  const b = (...xs: (number | string)[]) =>
    Uint8Array.from(
      xs.flatMap(x => (typeof x === 'string' ? [...x].map(c => c.charCodeAt(0)) : [x])),
    )
  it.each([
    [b('SQLite format 3', 0), 'sqlite'],
    [b('KOLOTRC3', 3, 0), 'kolo-v3'],
    [b(0x8a, 0xb1), 'msgpack'],
    [b(0xde, 0, 12), 'msgpack'],
    [b(0x1f, 0x8b, 8), 'gzip'],
    [b('  \n{"trace_id"'), 'json'],
    [b(0xef, 0xbb, 0xbf, '{'), 'json'],
    [b('[1,2]'), 'unknown'],
    [b(), 'unknown'],
  ])('%s is %s', (head, kind) => {
    expect(sniffBytes(head)).toBe(kind)
  })
})
