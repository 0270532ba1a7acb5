import type {TraceModel} from '../../shared/model/trace-model'

// Keyed by the model object, so a key goes when the resource cache drops its model.
const keys = new WeakMap<TraceModel, string>()
const previews = new WeakMap<TraceModel, TraceModel>()
let instances = 0

/**
 * A React key for views of one loaded model: unique per model object, so a view remounts when
 * the model changes even if the trace id does not (the same id in another project, a reload).
 * A whole model that followed its preview keeps the preview's key (see followPreview).
 */
export function modelKey(model: TraceModel): string {
  let key = keys.get(model)
  if (key === undefined) keys.set(model, (key = `${model.traceId}#${++instances}`))
  return key
}

/**
 * The whole model of a trace arrived after its preview: it takes the preview's key, so views
 * keyed by model stay mounted (the preview's rows are the whole's first rows, numbered alike),
 * and remembers the preview, so the tree carries its expansion and scroll over.
 */
export function followPreview(preview: TraceModel, whole: TraceModel): void {
  keys.set(whole, modelKey(preview))
  previews.set(whole, preview)
}

/** The preview a whole model followed, if it followed one. */
export function previewOf(whole: TraceModel): TraceModel | undefined {
  return previews.get(whole)
}
