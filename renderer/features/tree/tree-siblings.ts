import type {TraceModel} from '../../../shared/model/trace-model'

/**
 * A node's place among its siblings (aria-posinset, aria-setsize) in the tree as shown: under a
 * filter only the kept siblings count. Siblings are found through the model's subtree sizes and
 * cached per parent, so a render of the rows in view walks each parent's children once.
 */
export class SiblingIndex {
  private readonly byParent = new Map<number, number[]>()

  constructor(
    private readonly model: TraceModel,
    private readonly keep?: Uint8Array,
  ) {}

  /** The node's position among its shown siblings, from 1. */
  position(nodeId: number): number {
    return this.siblingsOf(nodeId).indexOf(nodeId) + 1
  }

  /** How many siblings are shown, the node included. */
  size(nodeId: number): number {
    return this.siblingsOf(nodeId).length
  }

  private siblingsOf(nodeId: number): number[] {
    const parent = this.model.parent[nodeId]!
    let list = this.byParent.get(parent)
    if (!list) {
      list = []
      const {size} = this.model
      const from = parent < 0 ? 0 : parent + 1
      const to = parent < 0 ? this.model.nodeCount : parent + size[parent]!
      for (let c = from; c < to; c += size[c]!) if (!this.keep || this.keep[c]) list.push(c)
      this.byParent.set(parent, list)
    }
    return list
  }
}
