export {openStore} from './open-store'
export type {
  KoloStore,
  OpenStoreOptions,
  StoreFormat,
  StorePage,
  TraceBody,
  TraceStamp,
} from './types'
export {defaultCacheDir} from './summary-cache'
