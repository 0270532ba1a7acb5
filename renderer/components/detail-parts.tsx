import './detail-parts.css'
import {useState} from 'react'
import type {ReactNode} from 'react'
import type {PyValue} from '../../shared/values/py-value'
import {formatPy} from '../../shared/values/py-format'
import {CodeBlock} from './code-block'
import type {CodeLanguage} from './code-block'
import {CopyButton} from './copy-button'
import {ChevronIcon} from './icons'
import {Scalar, ValueTree} from './value-tree'

/** A titled, collapsible block of the detail panel. */
export function Section(props: {
  title: string
  children: ReactNode
  aside?: ReactNode
  defaultOpen?: boolean
  copy?: () => string
}) {
  const [open, setOpen] = useState(props.defaultOpen ?? true)
  return (
    <section className={`details-section${open ? ' open' : ''}`}>
      <div className="section-head" onClick={() => setOpen(o => !o)}>
        <ChevronIcon size={11} className="section-chevron" />
        <span className="section-title">{props.title}</span>
        {props.aside !== undefined && <span className="section-aside">{props.aside}</span>}
        {props.copy && (
          <span className="section-copy" onClick={e => e.stopPropagation()}>
            <CopyButton text={props.copy} title={`Copy ${props.title.toLowerCase()}`} />
          </span>
        )}
      </div>
      {open && <div className="section-body">{props.children}</div>}
    </section>
  )
}

/** A value tree in a section, or nothing when the value is absent. */
export function ValueSection(props: {
  title: string
  value: PyValue | undefined
  asVariables?: boolean
  defaultOpen?: boolean
  openDepth?: number
}) {
  const {value} = props
  if (value === undefined) return null
  return (
    <Section
      title={props.title}
      defaultOpen={props.defaultOpen}
      copy={() => formatPy(value, {maxChars: 10_000_000})}
    >
      <ValueTree value={value} asVariables={props.asVariables} openDepth={props.openDepth ?? 1} />
    </Section>
  )
}

/** Name/value rows: the facts at the top of a panel. Rows whose value is undefined/false are left out. */
export function FactTable(props: {rows: [string, ReactNode][]}) {
  return (
    <table className="fact-table">
      <tbody>
        {props.rows
          .filter(([, v]) => v !== undefined && v !== false && v !== null)
          .map(([k, v], i) => (
            <tr key={`${k}-${i}`}>
              <th>{k}</th>
              <td>{v}</td>
            </tr>
          ))}
      </tbody>
    </table>
  )
}

/** A dict PyValue (HTTP headers, query params) as a two-column table; other values as a tree. */
export function DictTable(props: {value: PyValue}) {
  const {value} = props
  if (value.t !== 'dict') return <ValueTree value={value} />
  if (value.entries.length === 0) return <div className="muted small">(empty)</div>
  return (
    <table className="fact-table dict-table">
      <tbody>
        {value.entries.map(([k, v], i) => (
          <tr key={i}>
            <th className="mono">{k.t === 'str' ? k.v : formatPy(k)}</th>
            <td className="mono">
              {v.t === 'str' ? <span className="plain-value">{v.v}</span> : <Scalar value={v} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** An HTTP body: JSON pretty-printed and highlighted, HTML highlighted, else text or a value tree. */
export function BodyView(props: {value: PyValue | undefined}) {
  const {value} = props
  if (value === undefined || value.t === 'none') return <div className="muted small">(no body)</div>
  if (value.t === 'str' || value.t === 'bytes') {
    const text = value.t === 'str' ? value.v : bytesText(value.hex)
    if (text.length === 0) return <div className="muted small">(empty)</div>
    const {code, language} = prettyBody(text)
    return <CodeBlock code={code} language={language} maxHeightPx={420} />
  }
  return <ValueTree value={value} openDepth={2} />
}

/** Pretty-print a body: JSON re-indented, HTML/XML as markup, anything else as plain text. */
export function prettyBody(text: string): {code: string; language: CodeLanguage} {
  const t = text.trimStart()
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return {code: JSON.stringify(JSON.parse(text), null, 2), language: 'json'}
    } catch {
      // Not JSON after all: show as text.
    }
  }
  if (t.startsWith('<')) return {code: text, language: 'xml'}
  return {code: text, language: 'text'}
}

function bytesText(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return new TextDecoder('utf-8').decode(bytes)
}

/** A clickable reference to another node of the tree. */
export function NodeLink(props: {
  nodeId: number | undefined
  onSelect: (id: number) => void
  children: ReactNode
}) {
  if (props.nodeId === undefined) return <>{props.children}</>
  const id = props.nodeId
  return (
    <button className="link-button" onClick={() => props.onSelect(id)}>
      {props.children}
    </button>
  )
}
