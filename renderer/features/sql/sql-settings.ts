import {useSyncExternalStore} from 'react'

const storageKey = 'kolo-explorer.sql.slowMs'
/** The default slow-query threshold, in ms (Django Debug Toolbar's SQL_WARNING_THRESHOLD is 500). */
export const defaultSlowMs = 10

const listeners = new Set<() => void>()
let slowMs = readStored()

function readStored(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(storageKey))
    return Number.isFinite(v) && v > 0 ? v : defaultSlowMs
  } catch {
    return defaultSlowMs
  }
}

/** Set the slow-query threshold (ms); remembered in this browser profile. */
export function setSlowMs(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) return
  slowMs = ms
  try {
    globalThis.localStorage?.setItem(storageKey, String(ms))
  } catch {
    // A private window without storage: the choice lasts for this page only.
  }
  for (const l of listeners) l()
}

/** The slow-query threshold in ms. */
export function useSlowMs(): number {
  return useSyncExternalStore(
    l => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => slowMs,
  )
}
