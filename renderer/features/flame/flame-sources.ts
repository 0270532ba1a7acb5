import type {DepthIndex} from '../../../shared/algorithms/depth-index'
import {buildDepthIndex} from '../../../shared/algorithms/depth-index'
import type {FlameLayout} from '../../../shared/algorithms/flame-columns'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {FlameSource} from '../../components/flame-chart/flame-types'

/**
 * A FlameSource plus the mapping between its rows and the model's, which selection needs:
 * `chartRowOf(modelRow)` (-1 when the model row is not drawn) and `modelRowOf(chartRow)`.
 */
export interface LinkedSource extends FlameSource {
  chartRowOf(modelRow: number): number
  modelRowOf(chartRow: number): number
  /**
   * The match mask of this source's rows: from matched model rows where every model row is drawn,
   * else from matched string ids (names, files), when given.
   */
  matchMask(rows: Uint32Array, stringHit?: Uint8Array): Uint8Array
}

/** Time order: the model itself, x = time since the trace started. */
export function timeOrderSource(model: TraceModel, given?: DepthIndex): LinkedSource {
  const started = performance.now()
  const index = given ?? buildDepthIndex(model)
  // The bench reads this to split "model ready → first paint".
  performance.measure('flame-depth-index', {start: started, end: performance.now()})
  const domainNs = Math.max(model.meta.durationNs, maxEnd(model.endNs))
  return {
    cols: model,
    index,
    strings: model.strings,
    domainNs,
    describe: row => {
      const durationNs = model.endNs[row]! - model.startNs[row]!
      let childrenNs = 0
      const end = row + model.size[row]!
      for (let c = row + 1; c < end; c += model.size[c]!) {
        childrenNs += model.endNs[c]! - model.startNs[c]!
      }
      const file = model.fileId[row]! >= 0 ? model.strings[model.fileId[row]!] : undefined
      return {
        name: model.strings[model.nameId[row]!] ?? '',
        file,
        line: model.line[row] || undefined,
        durationNs,
        selfNs: Math.max(0, durationNs - childrenNs),
      }
    },
    chartRowOf: row => (row >= 0 && row < model.nodeCount ? row : -1),
    modelRowOf: row => row,
    matchMask: rows => {
      const mask = new Uint8Array(model.nodeCount)
      for (const row of rows) mask[row] = 1
      return mask
    },
  }
}

/** A merged layout (left heavy, callers, callees), linked through `layoutOfRow` when given. */
export function layoutSource(
  layout: FlameLayout,
  model: TraceModel,
  layoutOfRow?: Int32Array,
): LinkedSource {
  return {
    cols: layout,
    index: buildDepthIndex(layout),
    strings: model.strings,
    domainNs: layout.totalNs,
    describe: i => {
      const file = layout.fileId[i]! >= 0 ? model.strings[layout.fileId[i]!] : undefined
      return {
        name: model.strings[layout.nameId[i]!] ?? '',
        file,
        line: layout.line[i] || undefined,
        durationNs: layout.endNs[i]! - layout.startNs[i]!,
        selfNs: layout.selfNs[i]!,
        calls: layout.calls[i],
      }
    },
    chartRowOf: row =>
      layoutOfRow && row >= 0 && row < layoutOfRow.length ? layoutOfRow[row]! : -1,
    modelRowOf: i => layout.row[i] ?? -1,
    matchMask: (rows, stringHit) => {
      const mask = new Uint8Array(layout.nodeCount)
      if (layoutOfRow) {
        for (const row of rows) if (layoutOfRow[row]! >= 0) mask[layoutOfRow[row]!] = 1
        return mask
      }
      if (!stringHit) return mask
      for (let i = 0; i < layout.nodeCount; i++) {
        const file = layout.fileId[i]!
        if (stringHit[layout.nameId[i]!] || (file >= 0 && stringHit[file])) mask[i] = 1
      }
      return mask
    },
  }
}

function maxEnd(endNs: Float64Array): number {
  let max = 0
  for (let i = 0; i < endNs.length; i++) if (endNs[i]! > max) max = endNs[i]!
  return max
}
