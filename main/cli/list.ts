import {parseArgs} from 'node:util'
import type {TraceSummary} from '../../shared/model/trace-summary'
import type {TraceService} from '../node/service/service'
import type {CliCommand} from './command'
import {usageError} from './command'
import {withProject} from './project-session'

/** Every trace of a project, newest first, fetched page by page. */
export async function allTraces(service: TraceService, projectId: string): Promise<TraceSummary[]> {
  const traces: TraceSummary[] = []
  for (;;) {
    const page = await service.listTraces({projectId, offset: traces.length, limit: 10_000})
    traces.push(...page.traces)
    if (page.traces.length === 0 || traces.length >= page.total) return traces
  }
}

/** A short age: 45s, 12m, 3h, 5d, 2mo, 1y. */
export function formatAge(iso: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000))
  if (Number.isNaN(seconds)) return '?'
  const steps: [number, string][] = [
    [60, 's'],
    [60, 'm'],
    [24, 'h'],
    [30, 'd'],
    [12, 'mo'],
  ]
  let value = seconds
  for (const [size, unit] of steps) {
    if (value < size) return `${value}${unit}`
    value = Math.floor(value / size)
  }
  return `${value}y`
}

/** A duration in ms as people read it: 850µs, 12ms, 1.4s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return ''
  if (ms < 1) return `${Math.round(ms * 1000)}µs`
  if (ms < 1000) return `${Math.round(ms)}ms`
  return `${(ms / 1000).toFixed(1)}s`
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat
}

/** The trace list as an aligned text table (one header line, one line per trace). */
export function formatTraceTable(traces: TraceSummary[], nowMs: number): string[] {
  const header = ['ID', 'NAME', 'STATUS', 'METHOD', 'PATH', 'DURATION', 'RECORDS', 'AGE']
  const rows = traces.map(t => [
    t.id,
    clip(t.error !== undefined ? `${t.name} (error: ${t.error})` : t.name, 60),
    t.status === undefined ? '' : String(t.status),
    t.method ?? '',
    clip(t.path ?? '', 40),
    formatMs(t.durationMs),
    t.recordCount === undefined ? '' : String(t.recordCount),
    formatAge(t.createdAt, nowMs),
  ])
  const right = new Set([2, 5, 6, 7])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)))
  return [header, ...rows].map(cells =>
    cells
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  )
}

/** `list PATH [--json]`: the traces of a store. */
export const listCommand: CliCommand = {
  summary: 'List the traces of a Kolo store, newest first',
  usage: 'list PATH [--json]',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {json: {type: 'boolean', default: false}},
      allowPositionals: true,
    })
    if (positionals.length !== 1) throw usageError('list needs exactly one PATH')
    const projectPath = positionals[0]!
    const traces = await withProject(projectPath, (service, project) =>
      allTraces(service, project.id),
    )
    if (values.json) io.out(JSON.stringify(traces, undefined, 2))
    else if (traces.length === 0) io.out(`${projectPath}: no traces`)
    else io.out(formatTraceTable(traces, Date.now()).join('\n'))
    return 0
  },
}
