import type {CallDiff} from '../../../shared/diff/call-diff'
import type {DiffEdit} from '../../../shared/diff/edit-list'
import type {EventChanges} from '../../../shared/diff/events-diff'
import type {SqlFingerprintDiff} from '../../../shared/diff/sql-diff'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import type {ValueChange} from '../../../shared/diff/value-diff'
import {formatDurationNs} from '../model/tree-text'

/** Limits of the text output. */
export interface FormatDiffOptions {
  /** Calls whose value changes are printed (default 40), and changes per section (default 5). */
  maxCalls?: number
  maxChangesPerSection?: number
}

const NAME_MAX = 120
const marks: Record<DiffEdit['kind'], string> = {
  inserted: '+',
  removed: '-',
  moved: '>',
  changed: '~',
}

/**
 * The diff as text for the terminal: the summary line, the edits (as the view lists them), then
 * what changed in SQL, HTTP, templates, logs and exceptions, and the calls whose values differ.
 */
export function formatDiffLines(diff: TraceDiff, options: FormatDiffOptions = {}): string[] {
  const perSection = options.maxChangesPerSection ?? 5
  const out: string[] = [diff.summary.line, '']
  out.push(`A  ${diff.a.traceId}  ${oneLine(diff.a.name)}  ${formatDurationNs(diff.a.durationNs)}`)
  out.push(`B  ${diff.b.traceId}  ${oneLine(diff.b.name)}  ${formatDurationNs(diff.b.durationNs)}`)
  const {edits, omitted} = diff.edits
  if (edits.length > 0) {
    out.push('', `Edits (${edits.length + omitted}):`)
    for (const e of edits) out.push(...editLines(e))
    if (omitted > 0) out.push(`  … ${omitted} more`)
  }
  const sqlLines = formatSql(diff)
  if (sqlLines.length > 0) out.push('', 'SQL:', ...sqlLines)
  const httpLines = diff.http.flatMap(call => callLines(call, perSection))
  if (httpLines.length > 0) out.push('', 'HTTP:', ...httpLines)
  for (const [title, changes] of [
    ['Exceptions', diff.events.exceptions],
    ['Templates', diff.events.templates],
    ['Logs', diff.events.logs],
    ['Outbound HTTP', diff.events.outbound],
  ] as const) {
    const lines = eventLines(changes)
    if (lines.length > 0) out.push('', `${title}:`, ...lines)
  }
  const maxCalls = options.maxCalls ?? 40
  if (diff.calls.length > 0) {
    out.push('', `Calls with other values (${diff.calls.length + diff.callsOmitted}):`)
    for (const call of diff.calls.slice(0, maxCalls)) out.push(...callLines(call, perSection))
    const more = diff.calls.length + diff.callsOmitted - maxCalls
    if (more > 0) out.push(`  … ${more} more`)
  }
  if (diff.compared.skipped > 0) {
    out.push('', `(${diff.compared.skipped} matched calls not compared value by value)`)
  }
  return out
}

/** The diff as JSON-safe data: everything but the per-row typed arrays. */
export function diffJson(diff: TraceDiff): object {
  const {alignment, tree, ...rest} = diff
  return {...rest, stats: alignment.stats, noise: alignment.noise, treeEntries: tree.count}
}

function editLines(e: DiffEdit): string[] {
  const rows = (e.kind === 'inserted' || e.kind === 'removed' || e.kind === 'moved') && e.rows > 1
  const size = rows ? `  (${e.rows} rows)` : ''
  const lines = [`  ${marks[e.kind]} ${e.nodeKind.padEnd(8)} ${oneLine(e.name)}${size}`]
  if (e.nameBefore !== undefined) lines.push(`      was ${oneLine(e.nameBefore)}`)
  if (e.path.length > 0) lines.push(`      in ${e.path.map(oneLine).join(' › ')}`)
  if (e.pathBefore) lines.push(`      from ${e.pathBefore.map(oneLine).join(' › ') || '(top)'}`)
  return lines
}

function formatSql(diff: TraceDiff): string[] {
  const {sql} = diff
  const out: string[] = []
  const changed = sql.fingerprints.filter(f => f.status !== 'same' || f.rows.a !== f.rows.b)
  if (sql.count.a !== sql.count.b || changed.length > 0) {
    out.push(
      `  ${sql.count.b} queries (was ${sql.count.a}), ${formatDurationNs(sql.totalNs.b)} (was ${formatDurationNs(sql.totalNs.a)})`,
    )
  }
  for (const f of changed) out.push(fingerprintLine(f))
  for (const n of sql.nPlusOne.introduced) {
    out.push(`  new N+1 at ${n.site}: ${n.count} × ${oneLine(n.fingerprint)}`, `      ${n.fix}`)
  }
  for (const n of sql.nPlusOne.fixed) {
    out.push(`  N+1 fixed at ${n.site}: was ${n.count} × ${oneLine(n.fingerprint)}`)
  }
  for (const n of sql.nPlusOne.changed) {
    out.push(
      `  N+1 at ${n.b.site}: ${n.b.count} queries (was ${n.a.count}) × ${oneLine(n.b.fingerprint)}`,
    )
  }
  for (const q of sql.changedQueries) {
    if (q.queryBefore === undefined && !q.rows) continue
    out.push(`  ~ ${oneLine(q.query)}`)
    if (q.queryBefore !== undefined) out.push(`      was ${oneLine(q.queryBefore)}`)
    if (q.rows) out.push(`      rows ${count(q.rows.b)} (was ${count(q.rows.a)})`)
  }
  if (sql.changedQueriesOmitted > 0) {
    out.push(`  … ${sql.changedQueriesOmitted} more changed queries`)
  }
  return out
}

function fingerprintLine(f: SqlFingerprintDiff): string {
  const rows = f.rows.a !== f.rows.b ? `, rows ${count(f.rows.b)} (was ${count(f.rows.a)})` : ''
  const tag = f.status === 'same' ? '' : `${f.status} `
  return `  ${tag}${f.count.b}× (was ${f.count.a})${rows}: ${oneLine(f.example)}`
}

function eventLines(changes: EventChanges): string[] {
  return [
    ...changes.added.map(e => `  + ${oneLine(e.text)}`),
    ...changes.removed.map(e => `  - ${oneLine(e.text)}`),
    ...changes.changed.map(e => `  ~ ${oneLine(e.b.text)} (was ${oneLine(e.a.text)})`),
  ]
}

function callLines(call: CallDiff, perSection: number): string[] {
  const time =
    call.duration.change === 0
      ? ''
      : `  ${call.duration.deltaNs > 0 ? '+' : '−'}${formatDurationNs(Math.abs(call.duration.deltaNs))}`
  const lines = [`  ${call.kind} ${oneLine(call.name)}${time}`]
  for (const section of call.sections) {
    lines.push(
      `      ${section.label}${section.gist === undefined ? '' : `: ${oneLine(section.gist)}`}`,
    )
    const changes = section.diff.changes
    // A gist that says it all ("200 → 500") needs no change line repeating it.
    if (section.gist !== undefined && changes.length === 1 && changes[0]!.path === '') continue
    for (const change of changes.slice(0, perSection)) lines.push(`        ${changeLine(change)}`)
    const more = section.diff.changes.length - perSection
    if (more > 0 || section.diff.truncated) {
      lines.push(`        … ${more > 0 ? `${more} more` : 'more'}`)
    }
  }
  return lines
}

/** One value change: "['items'][2]['price']: 10 → 12". */
export function changeLine(change: ValueChange): string {
  const at = change.path === '' ? '' : `${change.path}: `
  switch (change.kind) {
    case 'added':
      return `${at}added ${change.after ?? ''}`
    case 'removed':
      return `${at}removed ${change.before ?? ''}`
    default:
      return `${at}${change.before ?? '—'} → ${change.after ?? '—'}`
  }
}

function count(n: number | undefined): string {
  return n === undefined ? '?' : String(n)
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > NAME_MAX ? `${flat.slice(0, NAME_MAX - 1)}…` : flat
}
