import './value-tree.css'
import {useState} from 'react'
import type {ReactNode} from 'react'
import type {PyValue} from '../../shared/values/py-value'
import {formatPy, isContainer, quotePy} from '../../shared/values/py-format'
import {formatCount} from './format'
import {CopyButton} from './copy-button'
import {ChevronIcon} from './icons'

// Strings longer than this fold behind "show more"; containers show this many children at first.
const foldChars = 300
const childPage = 100

/** The label of a child: a dict key as Python prints it, a list index, or nothing (set items). */
type Label = {text: string; kind: 'key' | 'index' | 'name' | 'none'}

/**
 * An expandable tree of a Python value, faithful to Python: a tuple is not a list, a repr string
 * prints bare, a str prints quoted, None/True/False, Decimal, datetime, sets, any dict key, bytes.
 *
 * With `asVariables`, a dict's str keys show as bare names (a frame's locals), and its entries sit
 * at the top level. `openDepth` levels open at first.
 */
export function ValueTree(props: {value: PyValue; asVariables?: boolean; openDepth?: number}) {
  const {value, asVariables} = props
  const openDepth = props.openDepth ?? 1
  if (asVariables && value.t === 'dict') {
    if (value.entries.length === 0) return <div className="value-tree empty muted">(none)</div>
    return (
      <div className="value-tree" data-testid="value-tree">
        <Children value={value} depth={0} openDepth={openDepth} asVariables />
      </div>
    )
  }
  return (
    <div className="value-tree" data-testid="value-tree">
      <ValueNode value={value} label={{text: '', kind: 'none'}} depth={0} openDepth={openDepth} />
    </div>
  )
}

function ValueNode(props: {value: PyValue; label: Label; depth: number; openDepth: number}) {
  const {value, label, depth} = props
  const container = isContainer(value)
  const count = containerLength(value)
  const [open, setOpen] = useState(container && depth < props.openDepth && count > 0)
  const canOpen = container && count > 0
  return (
    <div className="vt-node">
      <div
        className={`vt-line${canOpen ? ' openable' : ''}`}
        style={{paddingLeft: depth * 14}}
        onClick={canOpen ? () => setOpen(o => !o) : undefined}
      >
        <span className={`vt-twisty${open ? ' open' : ''}`}>
          {canOpen && <ChevronIcon size={11} />}
        </span>
        {label.kind !== 'none' && (
          <>
            <span className={`vt-label vt-label-${label.kind}`}>{label.text}</span>
            <span className="vt-colon">{label.kind === 'index' ? '' : ':'}</span>
          </>
        )}
        {container ? (
          <>
            <span className="vt-type">
              {value.t} <span className="vt-count">{formatCount(count)}</span>
            </span>
            {!open && <span className="vt-preview">{formatPy(value, {maxChars: 160})}</span>}
          </>
        ) : (
          <Scalar value={value} />
        )}
        <span className="vt-actions">
          <CopyButton text={() => formatPy(value, {maxChars: 10_000_000})} title="Copy value" />
        </span>
      </div>
      {open && <Children value={value} depth={depth + 1} openDepth={props.openDepth} />}
    </div>
  )
}

function Children(props: {
  value: PyValue
  depth: number
  openDepth: number
  asVariables?: boolean
}) {
  const {value, depth} = props
  const [shown, setShown] = useState(childPage)
  const entries = childEntries(value, props.asVariables === true)
  const cut = 'cut' in value && typeof value.cut === 'number' ? value.cut : 0
  return (
    <>
      {entries.slice(0, shown).map(([label, child], i) => (
        <ValueNode key={i} value={child} label={label} depth={depth} openDepth={props.openDepth} />
      ))}
      {entries.length > shown && (
        <button
          className="vt-more"
          style={{marginLeft: depth * 14 + 16}}
          onClick={() => setShown(s => s + childPage * 10)}
        >
          show {formatCount(Math.min(entries.length - shown, childPage * 10))} more of{' '}
          {formatCount(entries.length - shown)}
        </button>
      )}
      {cut > 0 && (
        <div className="vt-cut" style={{paddingLeft: depth * 14 + 16}}>
          … {formatCount(cut)} more not recorded
        </div>
      )}
    </>
  )
}

function childEntries(value: PyValue, asVariables: boolean): [Label, PyValue][] {
  switch (value.t) {
    case 'dict':
      return value.entries.map(([k, v]) => [
        asVariables && k.t === 'str'
          ? {text: k.v, kind: 'name'}
          : {text: formatPy(k, {maxChars: 120}), kind: 'key'},
        v,
      ])
    case 'list':
    case 'tuple':
      return value.items.map((v, i) => [{text: String(i), kind: 'index'}, v])
    case 'set':
    case 'frozenset':
      return value.items.map(v => [{text: '', kind: 'none'}, v])
    default:
      return []
  }
}

function containerLength(value: PyValue): number {
  if (value.t === 'dict') return value.entries.length + (value.cut ?? 0)
  if (value.t === 'list' || value.t === 'tuple' || value.t === 'set' || value.t === 'frozenset') {
    return value.items.length + (value.cut ?? 0)
  }
  return 0
}

/** One non-container value, coloured by type; long strings fold behind "show more". */
export function Scalar(props: {value: PyValue}) {
  const {value} = props
  switch (value.t) {
    case 'str':
      return <FoldedText text={quotePy(value.v)} className="vt-str" cut={value.cut} />
    case 'repr':
      return <FoldedText text={value.v} className="vt-repr" />
    case 'int':
    case 'float':
      return <span className="vt-num">{formatPy(value)}</span>
    case 'none':
    case 'bool':
      return <span className="vt-const">{formatPy(value)}</span>
    case 'bytes':
      return <FoldedText text={formatPy(value)} className="vt-bytes" />
    case 'datetime':
    case 'date':
    case 'time':
    case 'decimal':
      return <span className="vt-special">{formatPy(value)}</span>
    case 'unserializable':
    case 'missing-ref':
    case 'ext':
    case 'elided':
      return <span className="vt-error">{formatPy(value)}</span>
    default:
      return <span>{formatPy(value, {maxChars: 300})}</span>
  }
}

function FoldedText(props: {text: string; className: string; cut?: number}) {
  const [unfolded, setUnfolded] = useState(false)
  const long = props.text.length > foldChars
  const text: ReactNode = long && !unfolded ? props.text.slice(0, foldChars) + '…' : props.text
  return (
    <span className={`vt-scalar ${props.className}${unfolded ? ' unfolded' : ''}`}>
      {text}
      {long && (
        <button
          className="vt-more inline"
          onClick={e => {
            e.stopPropagation()
            setUnfolded(u => !u)
          }}
        >
          {unfolded ? 'show less' : `show more (${formatCount(props.text.length)} chars)`}
        </button>
      )}
      {props.cut !== undefined && props.cut > 0 && (
        <span className="vt-cut"> recorded {formatCount(props.cut)} chars, cut</span>
      )}
    </span>
  )
}
