import {encodeModel} from '../../../shared/api/model-codec'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {firstListStart, skimPart} from '../decode/skim-part'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {buildTraceModel} from '../model/build-trace'

// Enough records for V8 to compile the skimmer and the tree builder with optimisations: about a
// tenth of a second at start, so that the first big trace opened runs at full speed throughout.
const WARM_RECORDS = 20_000
// Then a few short passes: code optimised during the first pass has never seen what a decode
// does only at its start (a key, a column met for the first time), and would be thrown away
// at the start of the first real one (a preview's few thousand records) to be compiled again.
const SHORT_RECORDS = 2_000
const SHORT_PASSES = 2

/**
 * Decode, build and frame a small synthetic trace, so a worker's first real load does not run
 * its hottest loops in V8's interpreter; then decode short ones, and build them as previews.
 * Failing costs nothing but the warm-up.
 */
export function warmUpDecoder(records = WARM_RECORDS): void {
  try {
    const body = syntheticC2Trace({records})
    encodeModel(buildTraceModel(decodeTraceBody(body, {source: 'warm-up'})).model)
    const short = syntheticC2Trace({records: SHORT_RECORDS})
    for (let pass = 0; pass < SHORT_PASSES; pass++) {
      const decoded = decodeTraceBody(short, {source: 'warm-up'})
      encodeModel(buildTraceModel(decoded, {partial: {}}).model)
    }
  } catch {
    // a cold first load, then
  }
}

/** The skim helper's warm-up: its one loop, skimming a small synthetic trace's records. */
export function warmUpSkimmer(records = WARM_RECORDS): void {
  try {
    const body = syntheticC2Trace({records})
    const first = firstListStart(body)
    if (first >= 0) skimPart(body, first, records, () => false)
  } catch {
    // a cold first split, then
  }
}
