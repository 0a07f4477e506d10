export type { IndexedBlock, BucketIndex } from './bucket-index.js';
export {
  BUCKET_INDEX_NAME,
  DELETION_MARK_NAME,
  updateBucketIndex,
  readBucketIndex,
  listTenants,
} from './bucket-index.js';
export { BucketIndexCache } from './cache.js';
export type { BlockShardingConfig, RingView } from './sharding.js';
export { BLOCKS_OWNER, BlockSharding, blockShardKey } from './sharding.js';
