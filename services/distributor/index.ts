export type { DistributorConfig } from './config.js';
export { DISTRIBUTOR_FLAGS, distributorConfig } from './config.js';
export type { DistributorDeps, PushResult } from './distributor.js';
export { Distributor } from './distributor.js';
export type { SeriesPartitioner, ActivePartitions } from './partitioner.js';
export { modPartitioner, ringPartitioner, ringToken } from './partitioner.js';
