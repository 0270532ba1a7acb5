import type {ApiEvent, ApiMethod, TraceEvents} from './contract'
import type {Envelope} from './errors'

/**
 * What the Electron preload exposes as `window.koloExplorer`: a function per API method, returning
 * the envelope as the main process sent it, plus `on`, which passes only the payload and returns
 * an unsubscribe. The renderer's connect.ts turns it into a TraceClient with `unwrap`.
 */
export interface KoloBridge {
  call: {readonly [M in ApiMethod]: (req: unknown) => Promise<Envelope<unknown>>}
  on<E extends ApiEvent>(event: E, listener: (payload: TraceEvents[E]) => void): () => void
}

/** The global name of the bridge in the renderer. */
export const bridgeGlobalName = 'koloExplorer'
