import {EditKind} from '../../../shared/diff/alignment'
import type {EditKindId, NoiseThreshold} from '../../../shared/diff/alignment'
import {formatDurationNs} from '../../components/format'

/** A time change: "+1.20 ms", "−850 ns", "0 ns". Minus is U+2212, as the summary line writes it. */
export function signedDuration(ns: number): string {
  if (ns === 0) return '0 ns'
  return `${ns > 0 ? '+' : '−'}${formatDurationNs(Math.abs(ns))}`
}

/** A change relative to the before: "+23%", "−5%"; undefined from nothing. */
export function signedPercent(beforeNs: number, afterNs: number): string | undefined {
  if (beforeNs <= 0) return undefined
  const pct = ((afterNs - beforeNs) / beforeNs) * 100
  const rounded = Math.abs(pct) >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)}%`
}

/** An integer change: "+3", "−2", "±0". */
export function signedCount(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0'
}

/** How an entry shows its edit: a glyph (never alone: the label says it too) and words. */
export interface EditLook {
  glyph: string
  label: string
  /** The CSS modifier: colours come from the theme through diff.css. */
  tone: 'added' | 'removed' | 'changed' | 'moved' | 'same'
  /** Only the values differ (the name and the flags are the same): shown more quietly. */
  quiet?: boolean
}

/** The look of an edit kind; `ghost` for the place a moved call left. */
export function editLook(
  edit: EditKindId,
  options: {ghost?: boolean; values?: boolean; renamed?: boolean} = {},
): EditLook {
  if (options.ghost) return {glyph: '↤', label: 'moved away', tone: 'moved'}
  switch (edit) {
    case EditKind.inserted:
      return {glyph: '+', label: 'added', tone: 'added'}
    case EditKind.removed:
      return {glyph: '−', label: 'removed', tone: 'removed'}
    case EditKind.moved:
      return {glyph: '↦', label: 'moved here', tone: 'moved'}
    case EditKind.changed:
      return options.values && !options.renamed
        ? {glyph: '~', label: 'values differ', tone: 'changed', quiet: true}
        : {glyph: '~', label: 'changed', tone: 'changed'}
    default:
      return {glyph: '', label: 'unchanged', tone: 'same'}
  }
}

/** The noise threshold in words: "1 ms and 20%". */
export function noiseText(noise: NoiseThreshold): string {
  return `${formatDurationNs(noise.minAbsNs)} and ${Math.round(noise.minRel * 100)}%`
}
