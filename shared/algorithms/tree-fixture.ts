import {NodeKind} from '../model/node-kind'
import type {NodeKindName} from '../model/node-kind'
import type {TreeColumns} from './flame-columns'

/** A node of a hand-written test tree, with exact times in ns. */
export interface FixtureNode {
  name: string
  startNs: number
  endNs: number
  kind?: NodeKindName
  flags?: number
  file?: string
  children?: FixtureNode[]
}

/** A test node: `n('a', 0, 10, [n('b', 2, 5)])`. */
export function n(
  name: string,
  startNs: number,
  endNs: number,
  children: FixtureNode[] = [],
  extra: Partial<FixtureNode> = {},
): FixtureNode {
  return {name, startNs, endNs, children, ...extra}
}

/** Tree columns (in depth-first pre-order) for tests of the pure algorithms. */
export function fixtureColumns(roots: FixtureNode[]): TreeColumns {
  const rows: {node: FixtureNode; depth: number; parent: number; size: number}[] = []
  const strings: string[] = []
  const ids = new Map<string, number>()
  const intern = (s: string): number => {
    if (!ids.has(s)) ids.set(s, strings.push(s) - 1)
    return ids.get(s)!
  }
  const visit = (node: FixtureNode, depth: number, parent: number): void => {
    const index = rows.push({node, depth, parent, size: 0}) - 1
    for (const child of node.children ?? []) visit(child, depth + 1, index)
    rows[index]!.size = rows.length - index
  }
  for (const root of roots) visit(root, 0, -1)
  return {
    nodeCount: rows.length,
    depth: Uint16Array.from(rows, r => r.depth),
    parent: Int32Array.from(rows, r => r.parent),
    size: Uint32Array.from(rows, r => r.size),
    startNs: Float64Array.from(rows, r => r.node.startNs),
    endNs: Float64Array.from(rows, r => r.node.endNs),
    kind: Uint8Array.from(rows, r => NodeKind[r.node.kind ?? 'frame']),
    flags: Uint8Array.from(rows, r => r.node.flags ?? 0),
    nameId: Uint32Array.from(rows, r => intern(r.node.name)),
    fileId: Int32Array.from(rows, r => (r.node.file === undefined ? -1 : intern(r.node.file))),
    line: new Uint32Array(rows.length),
    strings,
  }
}
