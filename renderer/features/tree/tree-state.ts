import type {TraceModel} from '../../../shared/model/trace-model'
import {previewOf} from '../../state/model-keys'
import {initialExpansion} from './tree-rows'

/** What the tree remembers about one loaded model while the user switches views and traces. */
export interface TreeMemory {
  expanded: Uint8Array
  scrollTopPx: number
}

// Keyed by the model object, so the memory goes when the model cache drops the model.
const memories = new WeakMap<TraceModel, TreeMemory>()

/**
 * The tree memory of a model, created on first use: with the initial expansion, or for the
 * whole model of a trace whose preview the tree showed, with what the preview's rows had.
 */
export function treeMemory(model: TraceModel): TreeMemory {
  let m = memories.get(model)
  if (!m) {
    m = fromPreview(model) ?? {expanded: initialExpansion(model), scrollTopPx: 0}
    memories.set(model, m)
  }
  return m
}

// The preview's rows are the whole's first rows, numbered alike. A row that had children in the
// preview keeps its expansion (what the user saw or chose), and the scroll stays; the rest (a
// leaf there whose children came later, rows past the preview) opens as a fresh trace would.
function fromPreview(model: TraceModel): TreeMemory | undefined {
  const preview = previewOf(model)
  const seen = preview && memories.get(preview)
  if (!seen) return undefined
  const expanded = initialExpansion(model)
  const n = Math.min(preview.nodeCount, model.nodeCount)
  for (let i = 0; i < n; i++) if (preview.size[i]! > 1) expanded[i] = seen.expanded[i]!
  return {expanded, scrollTopPx: seen.scrollTopPx}
}
