// "2021-06-01 12:00:00.123456+00:00" (str(timezone.now())), ISO forms with T or Z, no zone = UTC.
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Epoch seconds of a Kolo timestamp: a number, a numeric string, or a date-time string.
 *
 * Keeps microseconds (Date.parse would drop them); undefined when unparseable.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text)
  const m = dateTime.exec(text)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  )
  if (Number.isNaN(ms)) return undefined
  let seconds = ms / 1000 + (frac ? Number(`0.${frac}`) : 0)
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offset = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || 0) * 60
    seconds -= sign * offset
  }
  return seconds
}
