const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Epoch ms encoded in a `trc_<ULID>` (or bare ULID) id, or undefined. */
export function ulidTimeMs(id: string): number | undefined {
  const ulid = id.startsWith('trc_') || id.startsWith('inv_') ? id.slice(4) : id
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(ulid)) return undefined
  let ms = 0
  for (const ch of ulid.slice(0, 10).toUpperCase()) ms = ms * 32 + crockford.indexOf(ch)
  return ms
}

const koloTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?$/
const sqlTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Epoch ms of a `created_at` value, or undefined when it cannot be read.
 *
 * Kolo writes UTC without a zone: `2021-06-01 12:00:00` (≤1.2) or `2026-11-25 22:49:32.165` (≥1.3);
 * `load --created-at` stores whatever the user passed, so ISO forms, zones and epoch numbers are
 * accepted too (kolo-format.md §2.4).
 */
export function parseCreatedAt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return epochMs(value)
  if (typeof value !== 'string') return undefined
  // Fast path for what Kolo writes (5,000 rows are parsed on every reopen).
  if (koloTime.test(value)) {
    const t = Date.parse(`${value.slice(0, 10)}T${value.slice(11)}Z`)
    if (Number.isFinite(t)) return t
  }
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return epochMs(Number(text))
  const m = sqlTime.exec(text)
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m
    const ms = Math.round(Number(`0.${frac}`) * 1000)
    let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
      if (z) t -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000
    }
    return Number.isFinite(t) ? t : undefined
  }
  const t = Date.parse(text)
  return Number.isFinite(t) ? t : undefined
}

// Seconds until the year 5138, milliseconds after: Kolo's own timestamps are epoch seconds.
function epochMs(n: number): number {
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n)
}

/** ISO 8601 UTC for epoch ms (clamped to what Date can show). */
export function isoFromMs(ms: number): string {
  const d = new Date(ms)
  return Number.isFinite(d.getTime()) ? d.toISOString() : new Date(0).toISOString()
}

/** The creation time of a row: its `created_at`, else the time in its ULID id, else the epoch. */
export function rowTimeMs(createdAt: unknown, id: string): number {
  return parseCreatedAt(createdAt) ?? ulidTimeMs(id) ?? 0
}
