/**
 * JS stand-ins for Kolo's msgpack extension types (kolo-format.md §4.4), as the decoder produces them.
 *
 * Plain msgpack types decode to plain JS: str → string, bin → Uint8Array, map → Map (keys may be
 * ints, null or tuples), array → Array, int → number, or bigint beyond 2^53, nil → null.
 * The encoder in main/node/kolo-writer uses the same classes, so a round trip keeps every type.
 */

/** ext 0: repr() of an object Kolo could not serialise natively. */
export class PyRepr {
  constructor(readonly text: string) {}
}

/** ext 1, 2, 3: datetime, date, time, as isoformat(). */
export class PyTemporal {
  constructor(
    readonly type: 'datetime' | 'date' | 'time',
    readonly iso: string,
  ) {}
}

/** ext 5: Decimal, as str(). */
export class PyDecimal {
  constructor(readonly text: string) {}
}

/** ext 6, 7, 8: tuple, set, frozenset; the payload is a nested msgpack array. */
export class PyCollection {
  constructor(
    readonly type: 'tuple' | 'set' | 'frozenset',
    readonly items: unknown[],
  ) {}
}

/** ext 127: repr() raised; the text is "module.QualName". */
export class PyUnserializable {
  constructor(readonly text: string) {}
}

/** ext 9 whose id is not in the container's value table. */
export class PyMissingRef {
  constructor(readonly id: number) {}
}

/** An ext code Kolo does not define, kept opaque. */
export class PyUnknownExt {
  constructor(
    readonly code: number,
    readonly bytes: Uint8Array,
  ) {}
}

/**
 * A Python float whose value is integral (2.0). JS has one number type, so a decoder asked to
 * keep floats apart (MsgpackDecoder.markIntegralFloats) wraps these, and values show as `2.0`.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A value nested deeper than the decoder follows; `bytes` is its encoded size. */
export class PyTooDeep {
  constructor(readonly bytes: number) {}
}

/** ext 4: an int beyond 64 bits, or an int subclass, decoded as a bigint. */
export type PyBigInt = bigint

/** A decoded Kolo record or trace map. */
export type KoloMap = Map<unknown, unknown>

/** The value of a string key in a decoded map, or undefined. */
export function field(map: unknown, key: string): unknown {
  return map instanceof Map ? map.get(key) : undefined
}

/** A string field, or undefined when absent or not a string. */
export function strField(map: unknown, key: string): string | undefined {
  const v = field(map, key)
  return typeof v === 'string' ? v : undefined
}

/** A numeric field (number or bigint), as a number, or undefined. */
export function numField(map: unknown, key: string): number | undefined {
  const v = field(map, key)
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof PyFloat) return v.value
  return undefined
}
