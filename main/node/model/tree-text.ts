import type {NodeDetails} from '../../../shared/model/node-details'
import {NodeFlag, NodeKind, nodeKindNames} from '../../../shared/model/node-kind'
import type {NodeKindName} from '../../../shared/model/node-kind'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'

const NAME_MAX = 160

const flagNames: [number, string][] = [
  [NodeFlag.unfinished, 'unfinished'],
  [NodeFlag.exceptionPath, 'exception-path'],
  [NodeFlag.exceptionOrigin, 'exception-origin'],
  [NodeFlag.library, 'library'],
  [NodeFlag.error, 'error'],
  [NodeFlag.warning, 'warning'],
]

/** The names of the flags set in `bits`. */
export function flagList(bits: number): string[] {
  return flagNames.filter(([bit]) => bits & bit).map(([, name]) => name)
}

/** A duration in ns as a short human string: "812 µs", "18.7 ms", "2.41 s". */
export function formatDurationNs(ns: number): string {
  if (ns < 1_000) return `${Math.round(ns)} ns`
  if (ns < 1_000_000) return `${(ns / 1_000).toPrecision(3)} µs`
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toPrecision(3)} ms`
  return `${(ns / 1_000_000_000).toPrecision(3)} s`
}

// One line of text: newlines and runs of blanks collapsed, long names cut.
const oneLine = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > NAME_MAX ? `${flat.slice(0, NAME_MAX - 1)}…` : flat
}

/**
 * One line per node in tree order, for `kolo-explorer show`: indentation (two spaces per depth),
 * kind, name, duration (not for leaves), and notable flags in brackets.
 */
export function formatTreeLines(model: TraceModel): string[] {
  const lines: string[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    const kind = model.kind[i]!
    const leaf = kind === NodeKind.log || kind === NodeKind.exception || kind === NodeKind.flushed
    const parts = [
      `${'  '.repeat(model.depth[i]!)}${nodeKindNames[kind] ?? 'node'}`,
      oneLine(nameOf(model, i)),
    ]
    if (!leaf) parts.push(formatDurationNs(model.endNs[i]! - model.startNs[i]!))
    const flags = flagList(model.flags[i]! & ~NodeFlag.library)
    if (flags.length > 0) parts.push(`[${flags.join(', ')}]`)
    lines.push(parts.join('  '))
  }
  return lines
}

/** One node of `treeJson`. */
export interface TreeJsonNode {
  id: number
  kind: NodeKindName
  name: string
  depth: number
  parent?: number
  file?: string
  line?: number
  startNs: number
  durationNs: number
  flags?: string[]
  /** SQL nodes: the full query text. */
  query?: string
}

/**
 * The tree as JSON-safe objects in tree order, for `kolo-explorer show --json`.
 *
 * `details`, when given, supplies the full SQL text (names keep at most 4 KiB of it).
 */
export function treeJson(
  model: TraceModel,
  details?: (nodeId: number) => NodeDetails | undefined,
): TreeJsonNode[] {
  const out: TreeJsonNode[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    const kind = model.kind[i]!
    const node: TreeJsonNode = {
      id: i,
      kind: nodeKindNames[kind] ?? 'frame',
      name: nameOf(model, i),
      depth: model.depth[i]!,
      startNs: model.startNs[i]!,
      durationNs: model.endNs[i]! - model.startNs[i]!,
    }
    if (model.parent[i]! >= 0) node.parent = model.parent[i]!
    const file = fileOf(model, i)
    if (file !== undefined) node.file = file
    if (model.line[i]! > 0) node.line = model.line[i]!
    const flags = flagList(model.flags[i]!)
    if (flags.length > 0) node.flags = flags
    if (kind === NodeKind.sql) {
      const d = details?.(i)
      node.query = d?.kind === 'sql' && d.query !== '' ? d.query : node.name
    }
    out.push(node)
  }
  return out
}
