/** The closed set of error codes that cross the API. */
export type ApiErrorCode =
  | 'not-found' // a project, trace, node or file that does not exist (any more)
  | 'bad-request' // a request that fails validation
  | 'bad-store' // a store or file that is not what it claims: corrupt, not Kolo, unreadable
  | 'bad-trace' // a trace body that cannot be decoded
  | 'forbidden' // a file outside what the trace references, a foreign sender
  | 'cancelled' // superseded by a newer request
  | 'unavailable' // the editor or tool is not installed
  | 'internal'

/** An error as it travels: a code and a message naming the file and the problem. */
export interface ApiErrorShape {
  code: ApiErrorCode
  message: string
}

/** The error both transports rethrow on the client side. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

/** What an adapter returns: the value, or the error as a value (Electron keeps only `message`). */
export type Envelope<T> = {ok: true; value: T} | {ok: false; error: ApiErrorShape}

const codes: ReadonlySet<string> = new Set<ApiErrorCode>([
  'not-found',
  'bad-request',
  'bad-store',
  'bad-trace',
  'forbidden',
  'cancelled',
  'unavailable',
  'internal',
])

/** Wrap any thrown thing as an error envelope; unknown errors become 'internal'. */
export function toErrorEnvelope(error: unknown): {ok: false; error: ApiErrorShape} {
  if (error instanceof ApiError) {
    return {ok: false, error: {code: error.code, message: error.message}}
  }
  const message = error instanceof Error ? error.message : String(error)
  return {ok: false, error: {code: 'internal', message}}
}

/** The value of an envelope, or the ApiError it carries, thrown. */
export function unwrap<T>(envelope: unknown): T {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
    throw new ApiError('internal', 'The backend sent a malformed reply')
  }
  const e = envelope as Envelope<T>
  if (e.ok) return e.value
  const code = codes.has(e.error.code) ? e.error.code : 'internal'
  throw new ApiError(code, e.error.message)
}
