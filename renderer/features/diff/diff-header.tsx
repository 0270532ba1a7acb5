import {useState} from 'react'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {formatDiffLink} from '../../../shared/diff/diff-link'
import type {DiffLinkSide} from '../../../shared/diff/diff-link'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {copyText} from '../../components/copy-button'
import {formatCount, formatDurationNs, formatLocalTime} from '../../components/format'
import {CheckIcon, CloseIcon, LinkIcon} from '../../components/icons'
import {KindBadge, StatusBadge} from '../../components/status-badge'
import type {Comparison} from '../../state/app-state'
import {useNodeDetails} from '../../state/trace-hooks'
import {useAppStore} from '../../state/use-app-store'
import {TracePicker} from './trace-picker'

// Parts of the summary line that name a failure or a new problem read in the error colour.
const alarming = /^(returns [45]\d\d|raises|new N\+1|N\+1 at)/

/**
 * The top of the diff: the summary line ("GET /: 9 queries (was 7, +2), +12 ms, …"), the two
 * sides (each can be changed to a trace of any open project), and swap, copy link and close.
 */
export function DiffHeader(props: {diff: TraceDiff; comparison: Comparison; updating: boolean}) {
  const {diff, comparison} = props
  const openComparison = useAppStore(s => s.openComparison)
  const closeComparison = useAppStore(s => s.closeComparison)
  const [picking, setPicking] = useState<'a' | 'b'>()
  const {summary} = diff
  const link = useComparisonLink(comparison)
  const swap = () => {
    const {a, b, roots} = comparison
    openComparison(roots ? {a: b, b: a, roots: {a: roots.b, b: roots.a}} : {a: b, b: a})
  }
  return (
    <header className="diff-header">
      <div className="diff-summary-row">
        <h2 className="diff-summary" data-testid="diff-summary" title={summary.line}>
          <span className="diff-summary-title mono">{summary.title}</span>
          <span className="diff-summary-sep">: </span>
          {summary.parts.length === 0 ? (
            <span className="diff-summary-part">no changes</span>
          ) : (
            summary.parts.map((part, i) => (
              <span
                key={i}
                className={`diff-summary-part${alarming.test(part) ? ' alarming' : ''}`}
              >
                {part}
                {i < summary.parts.length - 1 ? ', ' : ''}
              </span>
            ))
          )}
        </h2>
        {props.updating && <span className="muted diff-updating">updating…</span>}
        <span className="diff-fill" />
        <button className="icon-button" onClick={swap} title="Swap A and B" data-testid="diff-swap">
          ⇄ Swap
        </button>
        {link !== undefined && <CopyLink link={link} />}
        <button
          className="icon-button"
          onClick={closeComparison}
          aria-label="Close the comparison"
          title="Close the comparison"
        >
          <CloseIcon size={12} />
        </button>
      </div>
      <div className="diff-sides">
        {(['a', 'b'] as const).map(side => (
          <div key={side} className="diff-side-wrap">
            <SideCard
              side={side}
              trace={comparison[side]}
              root={comparison.roots?.[side]}
              info={diff[side]}
              onChange={() => setPicking(p => (p === side ? undefined : side))}
            />
            {picking === side && (
              <TracePicker
                label={`Choose trace ${side.toUpperCase()}`}
                current={comparison[side]}
                onClose={() => setPicking(undefined)}
                onPick={trace => {
                  setPicking(undefined)
                  const other = side === 'a' ? comparison.b : comparison.a
                  openComparison(side === 'a' ? {a: trace, b: other} : {a: other, b: trace})
                }}
              />
            )}
          </div>
        ))}
      </div>
    </header>
  )
}

function SideCard(props: {
  side: 'a' | 'b'
  trace: TraceRef
  root: number | undefined
  info: TraceDiff['a']
  onChange: () => void
}) {
  const {trace, info} = props
  const summary = useAppStore(s =>
    s.traceLists[trace.projectId]?.traces.find(t => t.id === trace.traceId),
  )
  const project = useAppStore(s => s.projects.find(p => p.id === trace.projectId))
  const rows = info.scope.end - info.scope.start
  return (
    <div
      className={`diff-side side-${props.side}`}
      data-testid={`diff-side-${props.side}`}
      data-trace-id={trace.traceId}
    >
      <span
        className={`diff-side-tag side-${props.side}`}
        title={props.side === 'a' ? 'Before' : 'After'}
      >
        {props.side.toUpperCase()}
      </span>
      {summary?.status !== undefined ? (
        <StatusBadge status={summary.status} />
      ) : summary ? (
        <KindBadge kind={summary.kind} />
      ) : undefined}
      <span className="diff-side-name mono" title={`${info.name}\n${trace.traceId}`}>
        {props.root !== undefined || !summary
          ? info.name
          : summary.method !== undefined && summary.path !== undefined
            ? `${summary.method} ${summary.path}`
            : summary.name}
      </span>
      <span className="diff-side-facts muted">
        {summary && <span>{formatLocalTime(summary.createdAt)}</span>}
        {project && <span title={project.path}>{project.label}</span>}
        <span>{formatCount(rows)} calls</span>
        <span className="mono">{formatDurationNs(info.durationNs)}</span>
      </span>
      <button
        className="link-button"
        onClick={props.onChange}
        aria-label={`Change trace ${props.side.toUpperCase()}`}
      >
        Change…
      </button>
    </div>
  )
}

/** The kolo-explorer://diff link of a comparison; executions by their frame ids where they have them. */
function useComparisonLink(comparison: Comparison): string | undefined {
  const pathA = useAppStore(s => s.projects.find(p => p.id === comparison.a.projectId)?.path)
  const pathB = useAppStore(s => s.projects.find(p => p.id === comparison.b.projectId)?.path)
  const rootA = useNodeDetails(comparison.a, comparison.roots?.a)
  const rootB = useNodeDetails(comparison.b, comparison.roots?.b)
  if (pathA === undefined || pathB === undefined) return undefined
  const side = (path: string, trace: TraceRef, root: number | undefined, details: typeof rootA) => {
    const one: DiffLinkSide = {projectPath: path, traceId: trace.traceId}
    if (root === undefined) return one
    const frameId = details.state === 'ready' ? details.value.frameId : undefined
    return frameId !== undefined ? {...one, frameId} : {...one, nodeId: root}
  }
  return formatDiffLink(
    side(pathA, comparison.a, comparison.roots?.a, rootA),
    side(pathB, comparison.b, comparison.roots?.b, rootB),
  )
}

function CopyLink(props: {link: string}) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      className="icon-button"
      data-testid="diff-copy-link"
      data-link={props.link}
      title={`Copy a link to this comparison\n${props.link}`}
      onClick={() =>
        void copyText(props.link).then(() => {
          setCopied(true)
          setTimeout(() => setCopied(false), 1200)
        })
      }
    >
      {copied ? <CheckIcon size={12} /> : <LinkIcon size={12} />} {copied ? 'Copied' : 'Copy link'}
    </button>
  )
}
