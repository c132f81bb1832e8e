export { openStore, resolveStoreLocation, type StoreOptions } from "./open-store.js";
export type { Queryable, Store, StoreKind, Unlisten } from "./store.js";
