export type { InstanceState, InstanceDesc, RingDesc } from './model.js';
export { INSTANCE_STATES, emptyRingDesc, encodeRingDesc, decodeRingDesc } from './model.js';
export type { Operation } from './operation.js';
export { WRITE, WRITE_NO_EXTEND, READ, REPORTING } from './operation.js';
export type {
  ReplicationSet,
  OperationReplicationSet,
  ReplicationStrategy,
  HealthOptions,
} from './snapshot.js';
export { RingSnapshot } from './snapshot.js';
export {
  RingFormatError,
  EmptyRingError,
  TooFewReplicasError,
  NoActivePartitionError,
  PartitionUnavailableError,
  RingConfigError,
} from './errors.js';
export { shardHash, fnv1a32 } from './hash.js';
export type { RingConfig, RingFlagDef, PartitionOwnerConfig } from './config.js';
export {
  defaultRingConfig,
  ringFlags,
  resolveRingConfig,
  partitionFlags,
  resolvePartitionOwnerConfig,
} from './config.js';
export type { LifecyclerConfig, RingComponentOptions } from './lifecycler.js';
export { Lifecycler } from './lifecycler.js';
export type { RingClientConfig } from './ring.js';
export { Ring } from './ring.js';
export type { PartitionState, PartitionDesc, OwnerDesc, PartitionRingDesc } from './partition-model.js';
export {
  PARTITION_TOKENS,
  partitionTokens,
  emptyPartitionRingDesc,
  encodePartitionRingDesc,
  decodePartitionRingDesc,
} from './partition-model.js';
export type { InstanceLookup, PartitionReplicaSet } from './partition-ring.js';
export {
  PartitionRing,
  PartitionRingWatcher,
  partitionIdFromInstanceId,
  resolvePartitionId,
  partitionReplicaSets,
} from './partition-ring.js';
export type { PartitionLifecyclerConfig } from './partition-lifecycler.js';
export { PartitionLifecycler } from './partition-lifecycler.js';
export type { RingStatusSource, RingStatus, RingStatusInstance, PartitionStatus } from './http.js';
export { registerRingRoutes, registerPartitionRingRoutes, ringStatus, partitionRingStatus } from './http.js';
