import {memo} from 'react'
import {DiffFlag, durationChange} from '../../../shared/diff/alignment'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {nodeKindNames} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {baseName, formatDurationNs} from '../../components/format'
import {ChevronIcon, KindIcon} from '../../components/icons'
import {entryEdit, entryFlags} from './diff-rows'
import {editLook, signedDuration} from './diff-format'

/** Indent per depth level (px); deep recursion stops indenting at `maxIndentDepth`. */
const indentPx = 12
const maxIndentDepth = 40

/** Where a row's time went: the after minus the before, and whether that passes the noise. */
export function entryTiming(
  diff: TraceDiff,
  a: TraceModel,
  b: TraceModel,
  k: number,
  noise: NoiseThreshold,
): {beforeNs?: number; afterNs?: number; deltaNs: number; change: -1 | 0 | 1} {
  const x = diff.tree.rowA[k]!
  const y = diff.tree.rowB[k]!
  const beforeNs = x >= 0 ? a.endNs[x]! - a.startNs[x]! : undefined
  const afterNs = y >= 0 ? b.endNs[y]! - b.startNs[y]! : undefined
  const deltaNs = (afterNs ?? 0) - (beforeNs ?? 0)
  // A ghost (a moved call's old place) shows no change: the call is counted where it went.
  if (beforeNs !== undefined && afterNs === undefined && diff.alignment.aToB[x]! >= 0) {
    return {beforeNs, deltaNs: 0, change: 0}
  }
  const change =
    beforeNs === undefined || afterNs === undefined
      ? (Math.sign(deltaNs) as -1 | 0 | 1)
      : durationChange(beforeNs, afterNs, noise)
  return {beforeNs, afterNs, deltaNs, change}
}

/** One row of the diff tree: edit mark, name, location, before and after times, the change. */
export const DiffTreeRow = memo(function DiffTreeRow(props: {
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  entry: number
  noise: NoiseThreshold
  expandable: boolean
  open: boolean
  selected: boolean
  /** Bumped when a details pass marks values changed: the row reads flags again. */
  version: number
  onToggle: (entry: number) => void
  onSelect: (entry: number) => void
  onOpen: (entry: number, side?: 'a' | 'b') => void
}) {
  const {diff, a, b, entry: k, noise} = props
  const x = diff.tree.rowA[k]!
  const y = diff.tree.rowB[k]!
  const [model, row] = y >= 0 ? [b, y] : [a, x]
  const depth = diff.tree.depth[k]!
  const kind = nodeKindNames[model.kind[row]!] ?? 'frame'
  const name = model.strings[model.nameId[row]!] ?? ''
  const nameBefore = x >= 0 && y >= 0 ? (a.strings[a.nameId[x]!] ?? '') : name
  const fileId = model.fileId[row]!
  const file = fileId >= 0 ? model.strings[fileId] : undefined
  const line = model.line[row]!
  const ghost = x >= 0 && y < 0 && diff.alignment.aToB[x]! >= 0
  const flags = entryFlags(diff.tree, diff.alignment, k)
  const values = (flags & DiffFlag.valuesChanged) !== 0
  const renamed = nameBefore !== name || a.flags[x] !== b.flags[y]
  const look = editLook(entryEdit(diff.tree, diff.alignment, k), {ghost, values, renamed})
  const timing = entryTiming(diff, a, b, k, noise)
  const tone = timing.change > 0 ? 'slower' : timing.change < 0 ? 'faster' : 'steady'
  const classes = ['diff-row', `edit-${look.tone}`, `kind-${kind}`]
  if (props.selected) classes.push('selected')
  if (ghost) classes.push('ghost')
  return (
    <div
      className={classes.join(' ')}
      role="treeitem"
      data-testid="diff-row"
      data-entry={k}
      data-edit={look.tone}
      data-kind={kind}
      aria-selected={props.selected}
      aria-expanded={props.expandable ? props.open : undefined}
      aria-level={depth + 1}
      onClick={() => props.onSelect(k)}
      onDoubleClick={e => props.onOpen(k, e.shiftKey ? 'a' : undefined)}
    >
      <span className="diff-mark" aria-hidden="true">
        {look.glyph}
      </span>
      <span className="diff-indent" style={{width: Math.min(depth, maxIndentDepth) * indentPx}} />
      <span
        className={`diff-twisty${props.open ? ' open' : ''}`}
        onClick={e => {
          if (!props.expandable) return
          e.stopPropagation()
          props.onToggle(k)
        }}
      >
        {props.expandable && <ChevronIcon size={12} />}
      </span>
      <KindIcon kind={kind} size={13} className="diff-kind-icon" />
      <span
        className="diff-name"
        title={nameBefore !== name ? `${name}\nwas: ${nameBefore}` : name}
      >
        {name}
      </span>
      {look.tone !== 'same' && (
        <span className={`diff-tag tone-${look.quiet ? 'values' : look.tone}`}>{look.label}</span>
      )}
      {file !== undefined && (
        <span className="diff-loc" title={`${file}${line ? `:${line}` : ''}`}>
          {baseName(file)}
          {line ? `:${line}` : ''}
        </span>
      )}
      <span className="diff-fill" />
      <span className="diff-time mono">
        {timing.beforeNs === undefined ? '' : formatDurationNs(timing.beforeNs)}
      </span>
      <span className="diff-time mono">
        {timing.afterNs === undefined ? '' : formatDurationNs(timing.afterNs)}
      </span>
      <span
        className={`diff-delta mono ${tone}`}
        title={tone === 'steady' ? 'Within the noise threshold' : tone}
      >
        {ghost ? '' : signedDuration(timing.deltaNs)}
      </span>
    </div>
  )
})
