import {useState} from 'react'
import type {
  IndexNotice,
  IndexProgress,
  IndexStatus,
} from '../../../shared/project-index/index-types'
import {formatCount} from '../../components/format'
import {useAppStore} from '../../state/use-app-store'

/** The notices to show: the last build's (from the overview) and those since, without repeats. */
export function mergeNotices(
  fromStatus: readonly IndexNotice[],
  fromEvents: readonly IndexNotice[],
): IndexNotice[] {
  const seen = new Set<string>()
  const out: IndexNotice[] = []
  for (const n of [...fromEvents, ...fromStatus]) {
    const key = noticeKey(n)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(n)
  }
  return out
}

/** A notice's identity: the same trace failing twice is one notice. */
export function noticeKey(n: IndexNotice): string {
  return `${n.code}\0${n.traceId ?? ''}\0${n.message}`
}

const phaseText: Record<IndexProgress['phase'], string> = {
  idle: 'Index idle',
  indexing: 'Indexing',
  done: 'Indexed',
  cancelled: 'Indexing paused',
  'store-missing': 'Store missing: showing what was indexed',
  failed: 'Index build failed: showing what was indexed',
}

const levelOrder: Record<IndexNotice['level'], number> = {error: 0, warning: 1, info: 2}

/** "2 errors, 1 info": the notices counted per level, the worst first. */
export function noticeCounts(notices: readonly IndexNotice[]): string {
  const counts = new Map<IndexNotice['level'], number>()
  for (const n of notices) counts.set(n.level, (counts.get(n.level) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => levelOrder[a[0]] - levelOrder[b[0]])
    .map(([level, n]) => `${formatCount(n)} ${level === 'info' || n === 1 ? level : `${level}s`}`)
    .join(', ')
}

/**
 * Where the project index is: a progress bar while it builds (the overview fills in meanwhile),
 * how many traces it holds and how many failed; a store that vanished or a failed build in words.
 */
export function IndexStatusBar(props: {
  status: IndexStatus | undefined
  progress: IndexProgress | undefined
}) {
  const progress = props.progress ?? props.status?.progress
  const building = progress?.phase === 'indexing'
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0
  const indexed = props.status?.indexed
  const failed = Math.max(props.status?.failed ?? 0, progress?.failed ?? 0)
  const broken = progress?.phase === 'store-missing' || progress?.phase === 'failed'
  return (
    <div
      className="index-status"
      data-testid="index-status"
      data-phase={progress?.phase ?? 'unknown'}
    >
      <div className="index-status-row" role="status">
        {progress && (
          <span className={`index-phase${broken ? ' bad' : ''}`}>
            {broken ? '✕ ' : ''}
            {phaseText[progress.phase]}
          </span>
        )}
        {building && progress && (
          <>
            <div
              className="progress index-progress"
              role="progressbar"
              aria-label="Index progress"
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
            >
              <span style={{width: `${fraction * 100}%`}} />
            </div>
            <span className="mono muted" data-testid="index-progress-text">
              {formatCount(progress.done)} of {formatCount(progress.total)} traces (
              {Math.floor(fraction * 100)}%)
            </span>
          </>
        )}
        {!building && indexed !== undefined && (
          <span className="muted">{formatCount(indexed)} traces</span>
        )}
        {failed > 0 && (
          <span className="index-failed" data-testid="index-failed">
            ✕ {formatCount(failed)} could not be read
          </span>
        )}
      </div>
    </div>
  )
}

/**
 * The index's notices (a trace that could not be decoded, a rebuilt index, a store that
 * vanished), each with its level in words; open by itself when one is an error or a warning.
 */
export function IndexNotices(props: {projectId: string; notices: IndexNotice[]}) {
  const dismiss = useAppStore(s => s.dismissIndexNotices)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const notices = props.notices
    .filter(n => !hidden.has(noticeKey(n)))
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level])
  if (notices.length === 0) return null
  const worst = notices[0]!.level
  return (
    <details
      className={`index-notices notice-level-${worst}`}
      data-testid="index-notices"
      open={worst !== 'info'}
    >
      <summary>
        <span className="notice-mark" aria-hidden="true">
          {worst === 'info' ? 'ⓘ' : '⚠'}
        </span>{' '}
        {notices.length} notice{notices.length === 1 ? '' : 's'} from the project index (
        {noticeCounts(notices)})
      </summary>
      <ul>
        {notices.map((n, i) => (
          <li key={i} className={`index-notice notice-level-${n.level}`}>
            <span className="notice-level">{n.level}</span>
            <span className="notice-message">{n.message}</span>
          </li>
        ))}
      </ul>
      <button
        className="link-button"
        onClick={() => {
          setHidden(new Set([...hidden, ...notices.map(noticeKey)]))
          dismiss(props.projectId)
        }}
      >
        Dismiss
      </button>
    </details>
  )
}
