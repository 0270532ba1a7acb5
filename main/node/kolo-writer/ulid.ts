/**
 * ULIDs as Kolo uses them for trace and frame ids (`trc_<ULID>`, `frm_<ULID>`, kolo-format.md §2.4).
 *
 * 26 Crockford base32 characters: 10 for the time in ms, 16 for 80 random bits.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A source of uniform floats in [0, 1). */
export type Random = () => number

/** A small seeded PRNG (mulberry32), so demo and benchmark data are the same on every run. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A ULID for `timeMs` (epoch milliseconds) with randomness from `random`. */
export function ulid(timeMs: number, random: Random = Math.random): string {
  let time = Math.max(0, Math.floor(timeMs))
  const out: string[] = new Array<string>(26)
  for (let i = 9; i >= 0; i--) {
    out[i] = ALPHABET[time % 32] ?? '0'
    time = Math.floor(time / 32)
  }
  for (let i = 10; i < 26; i++) out[i] = ALPHABET[Math.floor(random() * 32)] ?? '0'
  return out.join('')
}

/** The time in epoch ms encoded in a ULID (or a `trc_`/`frm_` id). */
export function ulidTimeMs(id: string): number {
  const core = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11)
  let time = 0
  for (const ch of core) time = time * 32 + ALPHABET.indexOf(ch)
  return time
}

/** A Kolo trace id, `trc_<ULID>`, for a trace started at `epochSeconds`. */
export function traceId(epochSeconds: number, random: Random = Math.random): string {
  return `trc_${ulid(epochSeconds * 1000, random)}`
}

/** A Kolo frame id, `frm_<ULID>`, for a record at `epochSeconds`. */
export function frameId(epochSeconds: number, random: Random = Math.random): string {
  return `frm_${ulid(epochSeconds * 1000, random)}`
}
