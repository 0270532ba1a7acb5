import {ApiError} from '../../shared/api/errors'
import type {ApiErrorCode} from '../../shared/api/errors'

/** An ApiError's code and message, or 'internal' and the message of anything else thrown. */
export function errorInfo(error: unknown): {code: ApiErrorCode; message: string} {
  if (error instanceof ApiError) return {code: error.code, message: error.message}
  return {code: 'internal', message: error instanceof Error ? error.message : String(error)}
}
