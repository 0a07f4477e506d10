import type { InstanceState } from './model.js';

/**
 * What a ring lookup is for, after dskit's `ring.Operation`: which states count as healthy, and
 * which states make the walk take one more instance (so a key keeps `replicationFactor` usable
 * replicas while one of them is joining or leaving).
 */
export interface Operation {
  /** For logs and errors. */
  readonly name: string;
  /** States in which an instance may serve this operation. */
  readonly healthyStates: ReadonlySet<InstanceState>;
  /** Whether meeting an instance in `state` extends the replica set by one. */
  readonly extendOn: (state: InstanceState) => boolean;
  /**
   * Whether meeting an instance whose heartbeat is too old extends the replica set by one, so the
   * walk goes on to the next healthy instance. Off for dskit's operations: a dead replica then
   * shrinks the set (and the quorum decides), which keeps a key on the same instances while one of
   * them restarts. @default false
   */
  readonly extendOnUnhealthy?: boolean;
}

const states = (...s: InstanceState[]): ReadonlySet<InstanceState> => new Set(s);

/** Writes go to ACTIVE instances; a non-ACTIVE one on the walk is replaced by the next. */
export const WRITE: Operation = {
  name: 'write',
  healthyStates: states('ACTIVE'),
  extendOn: (s) => s !== 'ACTIVE',
};

/** Like `WRITE` without replacing non-ACTIVE instances. */
export const WRITE_NO_EXTEND: Operation = {
  name: 'write-no-extend',
  healthyStates: states('ACTIVE'),
  extendOn: () => false,
};

/**
 * Reads may go to ACTIVE, PENDING and LEAVING instances (a LEAVING one still holds its data);
 * the set is extended past non-ACTIVE, non-LEAVING ones to match `WRITE`'s extension.
 */
export const READ: Operation = {
  name: 'read',
  healthyStates: states('ACTIVE', 'PENDING', 'LEAVING'),
  extendOn: (s) => s !== 'ACTIVE' && s !== 'LEAVING',
};

/** Any state counts: for status pages and "is it alive" questions. */
export const REPORTING: Operation = {
  name: 'reporting',
  healthyStates: states('PENDING', 'JOINING', 'ACTIVE', 'LEAVING'),
  extendOn: () => false,
};
