import type {SourceFile} from '../../../shared/api/source-contract'
import type {FrameDetails} from '../../../shared/model/node-details'
import {NodeKind, nodeKindNames} from '../../../shared/model/node-kind'
import {functionExtent, splitLines} from '../../../shared/model/source'
import type {TraceModel} from '../../../shared/model/trace-model'
import {nameOf} from '../../../shared/model/trace-model'
import {KindIcon} from '../../components/icons'
import type {LineMark} from './code-lines'
import {CodeLines} from './code-lines'
import {childrenByLine} from './frame-data'
import {useLineRuns} from './line-marks'
import type {InlineValue} from './inline-values'
import {ExpandedValues, InlineValues, useExpanded, variablesOf} from './inline-values'
import {useTraceRef} from '../../state/trace-scope'

// Past this many lines the implementation is cut (a module frame spans its whole file).
const maxLines = 2000

const linesCache = new WeakMap<SourceFile, string[]>()
function linesOf(file: SourceFile): string[] {
  let lines = linesCache.get(file)
  if (!lines) {
    lines = splitLines(file.text ?? '')
    linesCache.set(file, lines)
  }
  return lines
}

/**
 * The function's source with what happened in it, like a debugger that already ran: the first
 * and the return line marked, the arguments after the def line, the return value (or the
 * exception) after the return line, the locals at the end, and the calls made on each line.
 */
export function ImplementationCode(props: {
  file: SourceFile
  model: TraceModel
  nodeId: number
  details?: FrameDetails
  onSelect: (nodeId: number) => void
}) {
  const {file, model, nodeId, details: d} = props
  const {isOpen, toggle} = useExpanded()
  const runs = useLineRuns(useTraceRef(), model.fileId[nodeId]!)
  const lines = linesOf(file)
  const defLine = model.line[nodeId]!
  const extent = functionExtent(lines, defLine)
  const returnLine = d?.returnLine
  // A module frame (line 0) spans its whole file: show a bounded start of it.
  const fullEnd = Math.min(lines.length, Math.max(extent.end, returnLine ?? 0))
  const end = Math.min(fullEnd, (defLine > 0 ? extent.start : 1) + maxLines - 1)
  const raised = d?.raised !== undefined || d?.exceptionMessage !== undefined
  const marks = new Map<number, LineMark>()
  if (returnLine !== undefined && returnLine > 0) marks.set(returnLine, raised ? 'raise' : 'return')
  if (defLine > 0) marks.set(defLine, 'call')
  const calls = childrenByLine(model, nodeId)

  const values = new Map<number, InlineValue[]>()
  const push = (line: number, v: InlineValue[]) =>
    values.set(line, [...(values.get(line) ?? []), ...v])
  push(defLine, variablesOf(d?.args, 'arg'))
  if (returnLine !== undefined && d) {
    if (d.raised !== undefined) {
      push(returnLine, [{key: 'raise', prefix: 'raised ', value: d.raised, kind: 'raise'}])
    } else if (d.exceptionMessage !== undefined) {
      const message = {t: 'repr', v: d.exceptionMessage} as const
      push(returnLine, [{key: 'raise', prefix: 'raised ', value: message, kind: 'raise'}])
    } else if (d.returnValue !== undefined) {
      push(returnLine, [{key: 'return', prefix: '→ ', value: d.returnValue, kind: 'return'}])
    }
  }
  const locals = variablesOf(d?.locals, 'local')

  const defText = lines[defLine - 1] ?? ''
  const stale =
    defLine > 0 && d !== undefined && !defText.includes(d.coName) && !defText.trim().startsWith('@')

  return (
    <>
      {stale && (
        <div className="source-note warn-text" data-testid="source-stale">
          Line {defLine} does not define <span className="mono">{d.coName}</span>: the file may have
          changed since the trace was recorded.
        </div>
      )}
      {runs && (
        <div className="source-note muted small" data-testid="line-runs-note">
          The numbers left of the code: in how many of the project&apos;s {runs.traceCount} traces
          each line ran.
        </div>
      )}
      <CodeLines
        file={file}
        from={defLine > 0 ? extent.start : 1}
        to={end}
        marks={marks}
        runs={runs}
        testId="implementation-code"
        after={line => (
          <>
            <InlineValues values={values.get(line) ?? []} isOpen={isOpen} toggle={toggle} />
            <CallChips rows={calls.get(line)} model={model} onSelect={props.onSelect} />
          </>
        )}
        below={line => {
          const here = values.get(line) ?? []
          return here.some(v => isOpen(v.key)) ? (
            <ExpandedValues values={here} isOpen={isOpen} />
          ) : null
        }}
      />
      {end < fullEnd && (
        <div className="source-note muted">
          Lines {end + 1}–{fullEnd} not shown; open the file in the editor to read on.
        </div>
      )}
      {locals.length > 0 && (
        <>
          <div className="locals-at-end" data-testid="inline-locals-row">
            <span className="muted">locals at return</span>
            <InlineValues values={locals} isOpen={isOpen} toggle={toggle} />
          </div>
          <ExpandedValues values={locals} isOpen={isOpen} />
        </>
      )}
    </>
  )
}

/** The calls a line made, as small links: a function by name, SQL/HTTP/logs by kind and count. */
function CallChips(props: {rows?: number[]; model: TraceModel; onSelect: (id: number) => void}) {
  const {rows, model} = props
  if (!rows || rows.length === 0) return null
  // Consecutive calls of the same kind and name collapse into one chip with a count.
  const groups: {row: number; count: number}[] = []
  for (const row of rows) {
    const last = groups[groups.length - 1]
    // Functions group by name; SQL, HTTP and logs by kind ("SQL ×2").
    if (
      last &&
      model.kind[last.row] === model.kind[row] &&
      (model.kind[row] !== NodeKind.frame || model.nameId[last.row] === model.nameId[row])
    ) {
      last.count += 1
    } else {
      groups.push({row, count: 1})
    }
  }
  return (
    <span className="call-chips">
      {groups.map(({row, count}) => {
        const kind = nodeKindNames[model.kind[row]!] ?? 'frame'
        const name = nameOf(model, row)
        const label =
          model.kind[row] === NodeKind.frame
            ? `${shortName(name)}()`
            : kind === 'sql'
              ? 'SQL'
              : kind === 'outbound'
                ? 'HTTP'
                : kind
        return (
          <button
            key={row}
            className={`call-chip kind-${kind}`}
            title={name}
            data-testid="call-chip"
            onClick={e => {
              e.stopPropagation()
              props.onSelect(row)
            }}
          >
            <KindIcon kind={kind} size={11} />
            {label}
            {count > 1 && <span className="call-count">×{count}</span>}
          </button>
        )
      })}
    </span>
  )
}

/** The last part of a qualname, with its class when it is a method ("QuerySet.order_by"). */
function shortName(qualname: string): string {
  const parts = qualname.split('.')
  const last = parts.pop() ?? qualname
  const owner = parts.pop()
  return owner !== undefined && /^[A-Z]/.test(owner) ? `${owner}.${last}` : last
}
