import type {TraceModel} from '../../../shared/model/trace-model'
import {initialExpansion} from './tree-rows'

/** What the tree remembers about one loaded model while the user switches views and traces. */
export interface TreeMemory {
  expanded: Uint8Array
  scrollTopPx: number
}

// Keyed by the model object, so the memory goes when the model cache drops the model.
const memories = new WeakMap<TraceModel, TreeMemory>()

/** The tree memory of a model, created with the initial expansion on first use. */
export function treeMemory(model: TraceModel): TreeMemory {
  let m = memories.get(model)
  if (!m) {
    m = {expanded: initialExpansion(model), scrollTopPx: 0}
    memories.set(model, m)
  }
  return m
}
