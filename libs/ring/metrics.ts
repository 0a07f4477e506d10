import { Counter, Gauge, type Registry } from 'prom-client';

// Several rings (ingester, store-gateway, partitions) may share one registry, so each metric is
// created once per registry and told apart by its `ring` label.

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

/** Metrics of lifecyclers (instance and partition). */
export class LifecyclerMetrics {
  /** Heartbeats (and reconciliations) by outcome: `ok` or `failed`. */
  readonly heartbeats: Counter<'ring' | 'outcome'>;
  /** Instances this process removed from the ring because they stopped heartbeating. */
  readonly forgotten: Counter<'ring'>;

  constructor(registry: Registry) {
    this.heartbeats = counter(
      registry,
      'epimetheus_ring_heartbeats_total',
      'Ring heartbeats written, by outcome.',
      ['ring', 'outcome'],
    );
    this.forgotten = counter(
      registry,
      'epimetheus_ring_forgotten_instances_total',
      'Instances removed from the ring after missing heartbeats for the forget period.',
      ['ring'],
    );
  }
}

/** Metrics of ring clients. */
export class RingMetrics {
  /** Instances in the ring by state, and `unhealthy` for those with stale heartbeats. */
  readonly members: Gauge<'ring' | 'state'>;
  /** Descriptor updates that could not be decoded (the previous one is kept). */
  readonly decodeFailures: Counter<'ring'>;
  readonly forgotten: Counter<'ring'>;

  constructor(registry: Registry) {
    this.members = gauge(
      registry,
      'epimetheus_ring_members',
      'Instances in the ring by state (unhealthy: heartbeat too old).',
      ['ring', 'state'],
    );
    this.decodeFailures = counter(
      registry,
      'epimetheus_ring_decode_failures_total',
      'Ring descriptor updates that could not be decoded.',
      ['ring'],
    );
    this.forgotten = counter(
      registry,
      'epimetheus_ring_forgotten_instances_total',
      'Instances removed from the ring after missing heartbeats for the forget period.',
      ['ring'],
    );
  }
}
