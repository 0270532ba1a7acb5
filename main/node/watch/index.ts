export {watchStore} from './watch-store'
export type {StoreChange, StoreWatcher, WatchStoreOptions} from './watch-store'
