import {useCallback, useState} from 'react'
import type {PyValue} from '../../../shared/values/py-value'
import {formatPy, isContainer} from '../../../shared/values/py-format'
import {toggled} from '../../components/toggled'
import {ValueTree} from '../../components/value-tree'

// An inline value shows this much; longer values and containers fold and expand on click.
const previewChars = 60

/** One value shown after a line of code: `name = value`, `→ value` or `raised value`. */
export interface InlineValue {
  key: string
  name?: string
  prefix?: string
  value: PyValue
  kind: 'arg' | 'return' | 'raise' | 'local'
}

/** Which inline values are expanded into trees, by key. */
export function useExpanded(): {isOpen: (key: string) => boolean; toggle: (key: string) => void} {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const toggle = useCallback((key: string) => {
    setOpen(prev => toggled(prev, key))
  }, [])
  return {isOpen: useCallback((key: string) => open.has(key), [open]), toggle}
}

/** The entries of a dict of variables (args, locals) as inline values. */
export function variablesOf(value: PyValue | undefined, kind: 'arg' | 'local'): InlineValue[] {
  if (value?.t !== 'dict') return []
  return value.entries.map(([k, v], i) => ({
    key: `${kind}:${i}`,
    name: k.t === 'str' ? k.v : formatPy(k, {maxChars: 40}),
    value: v,
    kind,
  }))
}

/** Values after a line, each folded to a short preview; a click expands it below the line. */
export function InlineValues(props: {
  values: InlineValue[]
  isOpen: (key: string) => boolean
  toggle: (key: string) => void
  testId?: string
}) {
  if (props.values.length === 0) return null
  return (
    <span className="inline-values" data-testid={props.testId}>
      {props.values.map(v => {
        const full = formatPy(v.value, {maxChars: previewChars + 1})
        const folds = isContainer(v.value) || full.length > previewChars
        const open = props.isOpen(v.key)
        return (
          <button
            key={v.key}
            className={`iv iv-${v.kind}${open ? ' open' : ''}${folds ? ' folds' : ''}`}
            data-testid={`inline-${v.kind}`}
            title={folds ? (open ? 'Fold' : 'Expand') : undefined}
            onClick={e => {
              e.stopPropagation()
              if (folds) props.toggle(v.key)
            }}
          >
            {v.prefix !== undefined && <span className="iv-prefix">{v.prefix}</span>}
            {v.name !== undefined && <span className="iv-name">{v.name}</span>}
            {v.name !== undefined && <span className="iv-eq"> = </span>}
            <span className="iv-value">{formatPy(v.value, {maxChars: previewChars})}</span>
          </button>
        )
      })}
    </span>
  )
}

/** The trees of the expanded values of one line. */
export function ExpandedValues(props: {values: InlineValue[]; isOpen: (key: string) => boolean}) {
  const open = props.values.filter(v => props.isOpen(v.key))
  if (open.length === 0) return null
  return (
    <div className="iv-trees" onClick={e => e.stopPropagation()}>
      {open.map(v => (
        <div key={v.key} className="iv-tree">
          <div className="iv-tree-title mono">
            {v.prefix}
            {v.name}
          </div>
          <ValueTree value={v.value} openDepth={1} />
        </div>
      ))}
    </div>
  )
}
