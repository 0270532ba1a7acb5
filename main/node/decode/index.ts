/** The decode layer: trace bodies of every Kolo era → DecodedTrace; decoded values → PyValue. */
export {decodeTraceBody, type DecodeOptions} from './decode-trace-body'
export type {DecodedThread, DecodedTrace, RecordTable, Scalar, TraceFormat} from './decoded-trace'
export {MapRecordTable, emptyTable} from './map-table'
export {decodeMsgpack, MsgpackDecoder, MsgpackError, type ValueTable} from './msgpack-reader'
export {toPyValue, type PyValueLimits} from './to-py-value'
export * from './py-objects'
export {parseTimestamp} from './timestamps'
export {INDEXED_KEYS} from './skim-context'
