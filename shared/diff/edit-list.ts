import {nodeKindNames} from '../model/node-kind'
import type {NodeKindName} from '../model/node-kind'
import type {AlignModel} from './align-keys'
import {EditKind} from './alignment'
import type {TraceAlignment} from './alignment'
import {InsideOneSided} from './unified-tree'
import type {UnifiedTree} from './unified-tree'

/** One edit: the root of an inserted or removed subtree, a moved subtree, or a changed call. */
export interface DiffEdit {
  kind: 'inserted' | 'removed' | 'moved' | 'changed'
  /** The row in A (removed, moved, changed) and in B (inserted, moved, changed). */
  a?: number
  b?: number
  nodeKind: NodeKindName
  /** The name in B (in A for a removed row). */
  name: string
  /** The name in A, when a changed row's name differs (a query's parameters, a path). */
  nameBefore?: string
  /** Rows in the subtree: how much was inserted, removed or moved. */
  rows: number
  /** The names of its ancestors, outermost first (in B; in A for a removed row), at most 4. */
  path: string[]
  /** Where a moved subtree was in A: its ancestors' names there. */
  pathBefore?: string[]
  /** The unified tree's entry, for a view to scroll to. */
  entry: number
}

/** The edits, in tree order, and how many were left out past the limit. */
export interface EditList {
  edits: DiffEdit[]
  omitted: number
}

const PATH_DEPTH = 4

/**
 * The compact list of edits, in the order of the unified tree: what the CLI prints and the view
 * lists beside the tree. Inside an inserted or removed subtree only its root is listed.
 */
export function editList(
  tree: UnifiedTree,
  alignment: TraceAlignment,
  a: AlignModel,
  b: AlignModel,
  limit = 500,
): EditList {
  const edits: DiffEdit[] = []
  let omitted = 0
  const inside = new InsideOneSided()
  for (let k = 0; k < tree.count; k++) {
    const x = tree.rowA[k]!
    const y = tree.rowB[k]!
    if (inside.skip(tree.depth[k]!, x < 0 || y < 0)) continue
    const edit = y >= 0 ? alignment.editB[y]! : alignment.editA[x]!
    // A moved subtree is listed once, where it went; its ghost is not.
    if (y < 0 && edit === EditKind.moved) continue
    const kind = listedKind(edit)
    if (kind === undefined) continue
    if (x < 0 || y < 0) inside.enter(tree.depth[k]!)
    if (edits.length >= limit) {
      omitted++
      continue
    }
    const model = y >= 0 ? b : a
    const row = y >= 0 ? y : x
    const item: DiffEdit = {
      kind,
      nodeKind: nodeKindNames[model.kind[row]!] ?? 'frame',
      name: nameAt(model, row),
      rows: model.size[row]!,
      path: ancestorNames(model, row),
      entry: k,
    }
    if (x >= 0) item.a = x
    if (y >= 0) item.b = y
    if (kind === 'changed' && x >= 0 && nameAt(a, x) !== item.name) item.nameBefore = nameAt(a, x)
    if (kind === 'moved' && x >= 0) item.pathBefore = ancestorNames(a, x)
    edits.push(item)
  }
  return {edits, omitted}
}

function listedKind(edit: number): DiffEdit['kind'] | undefined {
  switch (edit) {
    case EditKind.inserted:
      return 'inserted'
    case EditKind.removed:
      return 'removed'
    case EditKind.moved:
      return 'moved'
    case EditKind.changed:
      return 'changed'
    default:
      return undefined
  }
}

/** The name of a row. */
export function nameAt(model: Pick<AlignModel, 'strings' | 'nameId'>, row: number): string {
  return model.strings[model.nameId[row]!] ?? ''
}

/** The names of a row's nearest ancestors, outermost first; '…' when there are more. */
export function ancestorNames(
  model: Pick<AlignModel, 'strings' | 'nameId' | 'parent'>,
  row: number,
): string[] {
  const names: string[] = []
  let p = model.parent[row]!
  while (p >= 0 && names.length < PATH_DEPTH) {
    names.push(nameAt(model, p))
    p = model.parent[p]!
  }
  if (p >= 0) names.push('…')
  return names.reverse()
}
