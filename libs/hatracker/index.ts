export type { HaTrackerConfig } from './config.js';
export {
  HA_TRACKER_FLAGS,
  HA_TRACKER_FLAG_PREFIX,
  HaTrackerConfigError,
  defaultHaTrackerConfig,
  haTrackerConfigFromFlags,
  validateHaTrackerConfig,
} from './config.js';
export type { ReplicaDesc, ElectionTimeouts, Decision } from './replica-desc.js';
export { HA_KEY_PREFIX, haKey, encodeReplicaDesc, decodeReplicaDesc, decide } from './replica-desc.js';
export type { HaLabels } from './labels.js';
export { findHaLabels, removeReplicaLabel } from './labels.js';
export type { ReplicaCheck, HaTrackerOptions } from './tracker.js';
export { HaTracker } from './tracker.js';
