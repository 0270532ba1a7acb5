/** The trace host: decodes, builds and questions traces in a worker thread (or inline). */
export {createTraceHost} from './trace-host'
export type {LoadProgress, LoadRequest, TraceHost, TraceHostOptions} from './trace-host'
export type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
