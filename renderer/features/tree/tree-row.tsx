import {memo} from 'react'
import {SpokenPause} from '../../components/spoken-pause'
import type {ReactNode} from 'react'
import {NodeFlag, nodeKindNames} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import {baseName, formatDurationNs} from '../../components/format'
import {ChevronIcon, KindIcon} from '../../components/icons'
import {splitQualname} from './name-parts'

/** Indent per depth level, in px; deep recursion stops indenting at `maxIndentDepth`. */
export const indentPx = 12
const maxIndentDepth = 48

/** One row of the call tree. All data comes from the model's arrays at `nodeId`. */
export const TreeRow = memo(function TreeRow(props: {
  model: TraceModel
  nodeId: number
  expandable: boolean
  expanded: boolean
  selfNs: number
  /** SQL queries in the subtree, shown on a collapsed node so N+1 loops show without opening. */
  sqlCount: number
  selected: boolean
  needle: string
  /** The row's element id (the tree's active descendant), its place among its siblings. */
  id: string
  position: number
  setSize: number
  onToggle: (nodeId: number) => void
  onSelect: (nodeId: number) => void
  onOpen: (nodeId: number) => void
}) {
  const {model, nodeId: i, expandable, expanded, selected} = props
  const kind = nodeKindNames[model.kind[i]!] ?? 'frame'
  const flags = model.flags[i]!
  const depth = model.depth[i]!
  const name = nameOf(model, i)
  const file = fileOf(model, i)
  const line = model.line[i]!
  const durationNs = model.endNs[i]! - model.startNs[i]!
  const total = model.meta.durationNs || model.endNs[0] || 1
  const left = (model.startNs[i]! / total) * 100
  const width = Math.max((durationNs / total) * 100, 0.4)
  const classes = ['tree-row', `kind-${kind}`]
  if (selected) classes.push('selected')
  if (flags & NodeFlag.library) classes.push('library')
  if (flags & (NodeFlag.exceptionPath | NodeFlag.exceptionOrigin)) classes.push('exception-path')
  if (flags & NodeFlag.error) classes.push('is-error')
  if (flags & NodeFlag.warning) classes.push('is-warning')
  if (flags & NodeFlag.unfinished) classes.push('unfinished')
  const indent = Math.min(depth, maxIndentDepth) * indentPx

  return (
    <div
      className={classes.join(' ')}
      id={props.id}
      role="treeitem"
      data-testid="tree-row"
      data-node-id={i}
      data-kind={kind}
      aria-selected={selected}
      aria-expanded={expandable ? expanded : undefined}
      aria-level={depth + 1}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      onClick={() => props.onSelect(i)}
      onDoubleClick={() => props.onOpen(i)}
    >
      <span className="tree-indent" style={{width: indent}} />
      {depth > maxIndentDepth && <span className="tree-deep">{depth}</span>}
      <span
        className={`tree-twisty${expanded ? ' open' : ''}`}
        onClick={e => {
          if (!expandable) return
          e.stopPropagation()
          props.onToggle(i)
        }}
      >
        {expandable && <ChevronIcon size={12} />}
      </span>
      <KindIcon kind={kind} size={13} className="tree-kind-icon" />
      <NodeName name={name} file={kind === 'frame' ? file : undefined} needle={props.needle} />
      <ErrorMark flags={flags} />
      {file !== undefined && (
        <span className="tree-loc" title={`${file}${line ? `:${line}` : ''}`}>
          <SpokenPause />
          {baseName(file)}
          {line ? `:${line}` : ''}
        </span>
      )}
      {flags & NodeFlag.unfinished ? <span className="tree-tag">unfinished</span> : undefined}
      {expandable && !expanded && props.sqlCount > 0 && (
        <span className="tree-sql-count" title={`${props.sqlCount} SQL queries inside`}>
          <SpokenPause />
          {props.sqlCount} SQL
        </span>
      )}
      <span className="tree-fill" />
      <span className="tree-self mono">{expandable ? formatDurationNs(props.selfNs) : ''}</span>
      <span className="tree-dur mono">
        <SpokenPause />
        {formatDurationNs(durationNs)}
      </span>
      <span className="tree-bar">
        <span style={{left: `${Math.min(left, 99.6)}%`, width: `${width}%`}} />
      </span>
    </div>
  )
})

// Red names say "exception" to some; the mark says it to everyone, screen readers included.
function ErrorMark(props: {flags: number}) {
  const {flags} = props
  const text =
    flags & NodeFlag.exceptionOrigin
      ? 'raised the exception'
      : flags & NodeFlag.exceptionPath
        ? 'on the exception path'
        : flags & NodeFlag.error
          ? 'failed'
          : undefined
  if (text === undefined) return null
  return (
    <span className="tree-error-mark" title={text}>
      <KindIcon kind="exception" size={11} />
      <span className="visually-hidden">, {text}</span>
    </span>
  )
}

// A frame's module prefix shrinks (and truncates) before the function name does.
function NodeName(props: {name: string; file: string | undefined; needle: string}) {
  const {name, needle} = props
  if (props.file === undefined) {
    return (
      <span className="tree-name" title={name}>
        {highlight(name, needle)}
      </span>
    )
  }
  const [prefix, main] = splitQualname(name, props.file)
  return (
    <span className="tree-name split" title={name}>
      {prefix && <span className="tree-name-prefix">{highlight(prefix, needle)}</span>}
      <span className="tree-name-main">{highlight(main, needle)}</span>
    </span>
  )
}

// Marks each case-insensitive occurrence of `needle` in `text`.
function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text
  const lower = text.toLowerCase()
  const parts: ReactNode[] = []
  let at = 0
  for (
    let hit = lower.indexOf(needle);
    hit >= 0;
    hit = lower.indexOf(needle, hit + needle.length)
  ) {
    if (hit > at) parts.push(text.slice(at, hit))
    parts.push(<mark key={hit}>{text.slice(hit, hit + needle.length)}</mark>)
    at = hit + needle.length
  }
  parts.push(text.slice(at))
  return parts
}
