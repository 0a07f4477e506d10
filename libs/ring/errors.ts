import { EpimetheusError } from '../errors/index.js';

/** A ring key holds bytes that are not a ring descriptor: category `internal`. */
export class RingFormatError extends EpimetheusError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
    this.name = 'RingFormatError';
  }
}

/**
 * The ring has no instance (or no token) to answer with: category `unavailable` (retriable), as
 * during start-up before the first instance registers.
 */
export class EmptyRingError extends EpimetheusError {
  constructor(what: string) {
    super('unavailable', `${what}: the ring is empty`);
    this.name = 'EmptyRingError';
  }
}

/**
 * Fewer healthy replicas than a quorum of the replication factor: category `unavailable`
 * (retriable). `found` healthy, `needed` the quorum, `unhealthy` the ids left out.
 */
export class TooFewReplicasError extends EpimetheusError {
  readonly needed: number;
  readonly found: number;
  readonly unhealthy: readonly string[];

  constructor(needed: number, found: number, unhealthy: readonly string[], zoneAware: boolean) {
    const where = zoneAware ? ' in distinct zones' : '';
    const which = unhealthy.length > 0 ? ` (unhealthy: ${unhealthy.join(', ')})` : '';
    super('unavailable', `at least ${needed} healthy replicas required${where}, found ${found}${which}`);
    this.name = 'TooFewReplicasError';
    this.needed = needed;
    this.found = found;
    this.unhealthy = unhealthy;
  }
}

/** No ACTIVE partition in the partition ring to write to: category `unavailable`. */
export class NoActivePartitionError extends EpimetheusError {
  constructor() {
    super('unavailable', 'no active partition in the partition ring');
    this.name = 'NoActivePartitionError';
  }
}

/** A ring flag has an invalid value; `flag` (without dashes) names it. */
export class RingConfigError extends Error {
  readonly flag: string;

  constructor(flag: string, message: string) {
    super(`invalid --${flag}: ${message}`);
    this.name = 'RingConfigError';
    this.flag = flag;
  }
}

/** A partition has no healthy owner to read it from: category `unavailable` (retriable). */
export class PartitionUnavailableError extends EpimetheusError {
  readonly partition: number;

  constructor(partition: number, owners: readonly string[]) {
    const which = owners.length === 0 ? 'no owners' : `owners ${owners.join(', ')} all unhealthy`;
    super('unavailable', `partition ${partition} has no healthy owner (${which})`);
    this.name = 'PartitionUnavailableError';
    this.partition = partition;
  }
}
