import type { FlagDef, FlagType } from '../config/index.js';

/**
 * The limits of one tenant, resolved: every field filled, durations in milliseconds. Defaults come
 * from flags (`limitsFromFlags`); the runtime config file overrides them per tenant under the
 * snake_case keys in `LIMIT_DEFS` (`ingestionRate` ⇄ `ingestion_rate`).
 *
 * Its validation fields have the names and meanings of `libs/remotewrite`'s `ValidationLimits`,
 * so a `Limits` can be passed wherever those are expected.
 */
export interface Limits {
  /** Samples (plus exemplars and metadata) per second per tenant; 0 disables. @default 10000 */
  ingestionRate: number;
  /** Token-bucket size of the ingestion rate limit. @default 200000 */
  ingestionBurstSize: number;
  /** Series a tenant may have in memory across the cluster; 0 = unlimited. @default 150000 */
  maxGlobalSeriesPerUser: number;
  /** Series one metric name of a tenant may have across the cluster; 0 = unlimited. @default 0 */
  maxGlobalSeriesPerMetric: number;
  /** Most labels (the metric name included) a series may have. @default 30 */
  maxLabelNamesPerSeries: number;
  /** Longest label name, in UTF-8 bytes. @default 1024 */
  maxLabelNameLength: number;
  /** Longest label value, in UTF-8 bytes. @default 2048 */
  maxLabelValueLength: number;
  /** Longest metric name, in UTF-8 bytes. @default 1024 */
  maxMetricNameLength: number;
  /** How far past the receiver's clock a sample may be, in ms. @default 600000 (10m) */
  creationGracePeriodMs: number;
  /** Accept any non-empty UTF-8 metric and label name. @default false */
  utf8Names: boolean;
  /** Samples one query may fetch from the stores; 0 = unlimited. @default 0 */
  maxFetchedSamplesPerQuery: number;
  /** Series one query may fetch from the stores; 0 = unlimited. @default 0 */
  maxFetchedSeriesPerQuery: number;
  /** Longest time range a query may select, in ms; 0 = unlimited. @default 0 */
  maxQueryLengthMs: number;
  /** Deduplicate HA Prometheus pairs through the HA tracker for this tenant. @default false */
  acceptHaSamples: boolean;
  /** Label naming the HA cluster (the pair). @default 'cluster' */
  haClusterLabel: string;
  /** Label naming the replica within the HA cluster; removed from accepted series. @default '__replica__' */
  haReplicaLabel: string;
}

/** The name of one limit: a field of `Limits`. */
export type LimitName = keyof Limits;

/** How a limit is written: numbers are checked non-negative, `int`s integral. */
export type LimitType = 'int' | 'float' | 'duration' | 'bool' | 'string';

/** Everything known about one limit: its keys, its flag, its default. */
export interface LimitDef {
  readonly name: LimitName;
  /** Key in the runtime config file's per-tenant section, e.g. `ingestion_rate`. */
  readonly yamlKey: string;
  /** Flag that sets the default, without dashes, e.g. `distributor.ingestion-rate-limit`. */
  readonly flag: string;
  readonly type: LimitType;
  /** Default value; durations in milliseconds. */
  readonly default: number | boolean | string;
  readonly help: string;
  /** True when `services/app` registers the flag itself, so `LIMITS_FLAGS` leaves it out. */
  readonly registeredByApp: boolean;
}

function def(
  name: LimitName,
  yamlKey: string,
  flag: string,
  type: LimitType,
  dflt: number | boolean | string,
  help: string,
  registeredByApp = false,
): LimitDef {
  return Object.freeze({ name, yamlKey, flag, type, default: dflt, help, registeredByApp });
}

/** Every limit, in a stable order (the order of `/runtime_config` and of the docs). */
export const LIMIT_DEFS: readonly LimitDef[] = Object.freeze([
  def(
    'ingestionRate',
    'ingestion_rate',
    'distributor.ingestion-rate-limit',
    'float',
    10_000,
    'Per-tenant ingestion rate limit in samples per second (0 disables).',
    true,
  ),
  def(
    'ingestionBurstSize',
    'ingestion_burst_size',
    'distributor.ingestion-burst-size',
    'int',
    200_000,
    'Per-tenant ingestion burst size in samples.',
    true,
  ),
  def(
    'maxGlobalSeriesPerUser',
    'max_global_series_per_user',
    'ingester.max-global-series-per-user',
    'int',
    150_000,
    'Most in-memory series a tenant may have across the cluster (0 = unlimited).',
  ),
  def(
    'maxGlobalSeriesPerMetric',
    'max_global_series_per_metric',
    'ingester.max-global-series-per-metric',
    'int',
    0,
    'Most in-memory series one metric name of a tenant may have across the cluster (0 = unlimited).',
  ),
  def(
    'maxLabelNamesPerSeries',
    'max_label_names_per_series',
    'validation.max-label-names-per-series',
    'int',
    30,
    'Most labels (the metric name included) a series may have.',
    true,
  ),
  def(
    'maxLabelNameLength',
    'max_label_name_length',
    'validation.max-length-label-name',
    'int',
    1024,
    'Longest accepted label name, in bytes.',
    true,
  ),
  def(
    'maxLabelValueLength',
    'max_label_value_length',
    'validation.max-length-label-value',
    'int',
    2048,
    'Longest accepted label value, in bytes.',
    true,
  ),
  def(
    'maxMetricNameLength',
    'max_metric_name_length',
    'validation.max-length-metric-name',
    'int',
    1024,
    'Longest accepted metric name, in bytes.',
    true,
  ),
  def(
    'creationGracePeriodMs',
    'creation_grace_period',
    'validation.create-grace-period',
    'duration',
    600_000,
    'How far in the future a sample timestamp may be.',
    true,
  ),
  def(
    'utf8Names',
    'utf8_names',
    'validation.utf8-names',
    'bool',
    false,
    'Accept any UTF-8 metric and label names (Prometheus 3), not only the legacy character set.',
    true,
  ),
  def(
    'maxFetchedSamplesPerQuery',
    'max_fetched_samples_per_query',
    'querier.max-fetched-samples-per-query',
    'int',
    0,
    'Most samples one query may fetch from ingesters and store-gateways (0 = unlimited).',
  ),
  def(
    'maxFetchedSeriesPerQuery',
    'max_fetched_series_per_query',
    'querier.max-fetched-series-per-query',
    'int',
    0,
    'Most series one query may fetch from ingesters and store-gateways (0 = unlimited).',
  ),
  def(
    'maxQueryLengthMs',
    'max_query_length',
    'querier.max-query-length',
    'duration',
    0,
    'Longest time range a query may select, e.g. 32d (0 = unlimited).',
  ),
  def(
    'acceptHaSamples',
    'accept_ha_samples',
    'distributor.ha-tracker.enable-for-all-users',
    'bool',
    false,
    'Deduplicate samples from HA Prometheus pairs through the HA tracker (needs --distributor.ha-tracker.enable).',
  ),
  def(
    'haClusterLabel',
    'ha_cluster_label',
    'distributor.ha-tracker.cluster',
    'string',
    'cluster',
    'Label naming the HA cluster of a Prometheus pair.',
  ),
  def(
    'haReplicaLabel',
    'ha_replica_label',
    'distributor.ha-tracker.replica',
    'string',
    '__replica__',
    'Label naming the replica within an HA cluster; removed from accepted series.',
  ),
]);

const BY_NAME = new Map(LIMIT_DEFS.map((d) => [d.name, d]));

/** The definition of limit `name`. */
export function limitDef(name: LimitName): LimitDef {
  return BY_NAME.get(name)!;
}

/** The default limits, as the flags' defaults set them (frozen). */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze(
  Object.fromEntries(LIMIT_DEFS.map((d) => [d.name, d.default])) as unknown as Limits,
);

const FLAG_TYPE: Record<LimitType, FlagType> = {
  int: 'int',
  float: 'float',
  duration: 'duration',
  bool: 'bool',
  string: 'string',
};

/**
 * Flag definitions for every limit whose flag `services/app` does not already register (the
 * series, query and HA limits). Durations are milliseconds, as `FlagSet` parses them.
 */
export const LIMITS_FLAGS: readonly FlagDef[] = Object.freeze(
  LIMIT_DEFS.filter((d) => !d.registeredByApp).map(
    (d) => ({ name: d.flag, type: FLAG_TYPE[d.type], default: d.default, help: d.help }) as FlagDef,
  ),
);

/** Thrown for a limit value that is out of range or of the wrong kind; names where it came from. */
export class LimitsConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LimitsConfigError';
  }
}

/**
 * Builds the default `Limits` from parsed flag values keyed by flag name (every limit flag, the
 * ones `services/app` registers included); absent flags keep their defaults.
 * @throws LimitsConfigError naming the flag of an invalid value (negative, wrong kind, empty label).
 */
export function limitsFromFlags(values: ReadonlyMap<string, unknown>): Limits {
  const out = { ...DEFAULT_LIMITS } as Record<string, unknown>;
  for (const d of LIMIT_DEFS) {
    const v = values.get(d.flag);
    if (v === undefined) continue;
    const problem = checkValue(d, v);
    if (problem !== undefined) throw new LimitsConfigError(`invalid --${d.flag}: ${problem}`);
    out[d.name] = v;
  }
  return out as unknown as Limits;
}

/** Why `v` is not a valid resolved value of limit `d`, or undefined when it is. */
export function checkValue(d: LimitDef, v: unknown): string | undefined {
  switch (d.type) {
    case 'bool':
      return typeof v === 'boolean' ? undefined : `want true or false, got ${JSON.stringify(v)}`;
    case 'string':
      return typeof v === 'string' && v !== ''
        ? undefined
        : `want a non-empty label name, got ${JSON.stringify(v)}`;
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
        ? undefined
        : `want a non-negative integer, got ${JSON.stringify(v)}`;
    case 'float':
    case 'duration':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0
        ? undefined
        : `want a non-negative ${d.type === 'duration' ? 'duration' : 'number'}, got ${JSON.stringify(v)}`;
  }
}
