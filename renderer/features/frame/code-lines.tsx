import type {ReactNode} from 'react'
import type {SourceFile} from '../../../shared/api/source-contract'
import {highlightedLinesOf} from './highlight'
import type {LineRuns} from './line-marks'
import {ranTitle} from './line-marks'

/** How a line is marked in the gutter. */
export type LineMark = 'call' | 'return' | 'raise' | 'at'

const markTitles: Record<LineMark, string> = {
  call: 'called here (first line)',
  return: 'returned here',
  raise: 'raised here',
  at: 'called the next frame here',
}

const markGlyphs: Record<LineMark, string> = {call: '→', return: '↩', raise: '✕', at: '▸'}

/**
 * Lines `from`…`to` (1-based, inclusive) of a source file: highlighted code with line numbers,
 * gutter marks, an annotation after a line (inline values, calls made there) and rows below a
 * line (expanded values). With `runs`, the gutter also says in how many of the project's traces
 * each line ran.
 */
export function CodeLines(props: {
  file: SourceFile
  from: number
  to: number
  marks?: ReadonlyMap<number, LineMark>
  after?: (line: number) => ReactNode
  below?: (line: number) => ReactNode
  onLineClick?: (line: number) => void
  runs?: LineRuns
  testId?: string
}) {
  const {runs} = props
  const runsWidth = runs ? String(runs.traceCount).length : 0
  const lines = highlightedLinesOf(props.file)
  const from = Math.max(1, props.from)
  const to = Math.min(lines.length, props.to)
  const width = String(to).length
  const rows: ReactNode[] = []
  for (let n = from; n <= to; n++) {
    const mark = props.marks?.get(n)
    const after = props.after?.(n)
    const below = props.below?.(n)
    const click = props.onLineClick
    rows.push(
      <div
        key={n}
        className={`code-line${mark ? ` mark-${mark}` : ''}${click ? ' clickable' : ''}`}
        data-line={n}
        data-mark={mark}
        onClick={click ? () => click(n) : undefined}
      >
        <span className="code-gutter" title={mark ? markTitles[mark] : undefined}>
          {runs && <RanCount n={runs.counts.get(n)} of={runs.traceCount} width={runsWidth} />}
          <span className="code-mark">{mark ? markGlyphs[mark] : ''}</span>
          <span className="code-ln">{String(n).padStart(width, ' ')}</span>
        </span>
        <span className="code-body">
          {/* highlightedLinesOf returns highlight.js output (escaped text in spans) or escaped text. */}
          <span className="code-text" dangerouslySetInnerHTML={{__html: lines[n - 1] || ' '}} />
          {after !== undefined && after !== null && <span className="code-after">{after}</span>}
          {below !== undefined && below !== null && <div className="code-below">{below}</div>}
        </span>
      </div>,
    )
  }
  return (
    <div className="code-lines mono" data-testid={props.testId}>
      {rows}
    </div>
  )
}

/** The gutter's count of traces a line ran in: a number, and a bar as long as its share. */
function RanCount(props: {n: number | undefined; of: number; width: number}) {
  const {n, of} = props
  if (n === undefined) {
    return <span className="code-ran" style={{width: `${props.width + 1}ch`}} />
  }
  return (
    <span
      className="code-ran has-runs"
      title={ranTitle(n, of)}
      data-ran={n}
      style={{
        width: `${props.width + 1}ch`,
        ['--ran' as string]: `${Math.round((n / Math.max(1, of)) * 100)}%`,
      }}
    >
      {n}
    </span>
  )
}
