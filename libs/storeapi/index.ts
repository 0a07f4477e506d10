export { STORE_SERVICE, TENANT_METADATA_KEY, pb } from './service.js';
export type { StoreBackend } from './server.js';
export { addStoreService } from './server.js';
export type { StoreClientOptions } from './client.js';
export { StoreClient } from './client.js';
export { FailoverQueryable, MergeQueryable, mergeSeries } from './merge.js';
export type { MetadataEntry, MetadataByMetric } from './metadata.js';
export { mergeMetadata } from './metadata.js';
export { matchersToProto, matchersFromProto, labelsFromProto } from './convert.js';
export type { SelectableStore, StoreKind, StoreSelectionConfig, TimeRange } from './selection.js';
export {
  describeStore,
  localStore,
  SelectingQueryable,
  STORE_SELECTION_FLAGS,
  storeSelectionConfig,
  storeWindow,
} from './selection.js';
export type { BlockRouter, RoutedBlock } from './blocks.js';
export { BlocksQueryable, readBlocks } from './blocks.js';
