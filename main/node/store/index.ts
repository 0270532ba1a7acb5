export {openStore} from './open-store'
export type {
  KoloStore,
  OpenStoreOptions,
  StoreFormat,
  StorePage,
  TraceBlob,
  TraceBody,
  TraceStamp,
} from './types'
export {ChainBroken} from './sqlite-file/blob-stream'
export {defaultCacheDir} from './summary-cache'
