import {ApiError} from './errors'

/** Checks an untrusted value and returns it typed, or throws a 'bad-request' ApiError. */
export type Validator<T> = (value: unknown, where?: string) => T

const fail = (where: string, what: string): never => {
  throw new ApiError('bad-request', `${where}: ${what}`)
}

/** A non-empty string of at most `max` characters without NUL. */
export function str(max = 4096): Validator<string> {
  return (v, where = 'value') => {
    if (typeof v !== 'string') return fail(where, 'expected a string')
    if (v.length === 0 || v.length > max) return fail(where, `expected 1–${max} characters`)
    if (v.includes('\0')) return fail(where, 'contains a NUL character')
    return v
  }
}

/** A string of at most `max` characters without NUL, possibly empty (a search box's text). */
export function text(max = 4096): Validator<string> {
  return (v, where = 'value') => {
    if (typeof v !== 'string') return fail(where, 'expected a string')
    if (v.length > max) return fail(where, `expected at most ${max} characters`)
    if (v.includes('\0')) return fail(where, 'contains a NUL character')
    return v
  }
}

/** An integer in [min, max]. */
export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Validator<number> {
  return (v, where = 'value') => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return fail(where, `expected an integer in ${min}…${max}`)
    }
    return v
  }
}

/** A finite number in [min, max]. */
export function num(min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Validator<number> {
  return (v, where = 'value') => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      return fail(where, `expected a number in ${min}…${max}`)
    }
    return v
  }
}

/** A boolean. */
export const bool: Validator<boolean> = (v, where = 'value') =>
  typeof v === 'boolean' ? v : fail(where, 'expected true or false')

/** One of the given string literals. */
export function oneOf<T extends string>(...options: T[]): Validator<T> {
  return (v, where = 'value') =>
    typeof v === 'string' && (options as string[]).includes(v)
      ? (v as T)
      : fail(where, `expected one of ${options.join(', ')}`)
}

/** The value, or undefined when absent. */
export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  const wrapped = (v: unknown, where?: string) => (v === undefined ? undefined : inner(v, where))
  return Object.assign(wrapped, {optional: true})
}

/** An array of at most `max` items, each checked. */
export function arrayOf<T>(inner: Validator<T>, max = 1000): Validator<T[]> {
  return (v, where = 'value') => {
    if (!Array.isArray(v)) return fail(where, 'expected an array')
    if (v.length > max) return fail(where, `expected at most ${max} items`)
    return v.map((item, i) => inner(item, `${where}[${i}]`))
  }
}

type Shape = Record<string, Validator<unknown>>
type Out<S extends Shape> = {[K in keyof S]: ReturnType<S[K]>}

/** A plain object with exactly these keys (optional ones may be absent); extra keys are refused. */
export function obj<S extends Shape>(shape: S): Validator<Out<S>> {
  return (v, where = 'request') => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return fail(where, 'expected an object')
    }
    const record = v as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!(key in shape)) fail(where, `unexpected field "${key}"`)
    }
    const out: Record<string, unknown> = {}
    for (const [key, check] of Object.entries(shape)) {
      const value = check(record[key], `${where}.${key}`)
      if (value !== undefined) out[key] = value
    }
    return out as Out<S>
  }
}

/** A TraceRef (shared/model/trace-ref): a project, one of its traces, and optionally a thread. */
export const traceRef = obj({projectId: str(200), traceId: str(200), thread: optional(str(200))})
