import './sql-details.css'
import {useMemo, useRef, useState} from 'react'
import {format} from 'sql-formatter'
import type {SqlDetails} from '../../../shared/model/node-details'
import type {PyValue} from '../../../shared/values/py-value'
import {formatPy} from '../../../shared/values/py-format'
import {CodeBlock} from '../../components/code-block'
import {formatCount} from '../../components/format'
import {Scalar} from '../../components/value-tree'
import {useFocusableWhenScrollable} from '../../components/scroll-focus'
import {Section, ValueSection} from '../../components/detail-parts'
import {selectColumns, sqlRows} from './sql-rows'

const rowPage = 200

/** Format a query for reading; the original text when the formatter cannot parse it. */
export function formatSql(query: string): string {
  try {
    return format(query, {
      language: 'sql',
      tabWidth: 2,
      keywordCase: 'upper',
      paramTypes: {positional: true, custom: [{regex: String.raw`%s|%\(\w+\)s`}]},
    })
  } catch {
    return query
  }
}

/** An SQL query: formatted and highlighted, its parameters and the rows it returned. */
export function SqlDetailsView(props: {details: SqlDetails}) {
  const {details} = props
  const formatted = useMemo(() => formatSql(details.query), [details.query])
  const rows = useMemo(() => sqlRows(details.data), [details.data])
  const columns = useMemo(() => selectColumns(details.query), [details.query])
  return (
    <>
      <Section title="Query" aside={details.database} copy={() => details.query}>
        <CodeBlock code={formatted} language="sql" maxHeightPx={480} />
      </Section>
      <ValueSection title="Parameters" value={details.params} />
      {rows !== undefined ? (
        <Section
          title="Rows"
          aside={`${formatCount(rows.length)} returned`}
          copy={() => rows.map(r => r.map(v => formatPy(v)).join('\t')).join('\n')}
        >
          <RowsTable rows={rows} columns={columns} />
        </Section>
      ) : (
        details.data !== undefined && <ValueSection title="Result" value={details.data} />
      )}
    </>
  )
}

function RowsTable(props: {rows: PyValue[][]; columns?: string[]}) {
  const {rows} = props
  const [shown, setShown] = useState(rowPage)
  // A wide or long result scrolls: a tab stop then, so the keyboard can scroll it.
  const wrapRef = useRef<HTMLDivElement>(null)
  useFocusableWhenScrollable(wrapRef, 'Result rows')
  if (rows.length === 0) return <div className="muted small">No rows.</div>
  const width = Math.max(...rows.slice(0, 50).map(r => r.length))
  const columns =
    props.columns?.length === width
      ? props.columns
      : Array.from({length: width}, (_, i) => String(i))
  return (
    <div className="rows-table-wrap" ref={wrapRef}>
      <table className="rows-table mono" data-testid="sql-rows">
        <thead>
          <tr>
            <th className="row-num">#</th>
            {columns.map((c, i) => (
              <th key={i}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((row, r) => (
            <tr key={r}>
              <td className="row-num">{r + 1}</td>
              {row.map((cell, c) => (
                <td key={c} title={formatPy(cell, {maxChars: 2000})}>
                  <Scalar
                    value={
                      cell.t === 'str' && cell.v.length > 80
                        ? {t: 'str', v: cell.v.slice(0, 80) + '…'}
                        : cell
                    }
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <button className="vt-more" onClick={() => setShown(s => s + rowPage * 5)}>
          show {formatCount(Math.min(rowPage * 5, rows.length - shown))} more of{' '}
          {formatCount(rows.length - shown)}
        </button>
      )}
    </div>
  )
}
