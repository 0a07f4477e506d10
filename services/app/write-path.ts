import type { FlagDef } from '../../libs/config/index.js';
import {
  decodeWriteRequest,
  DEFAULT_VALIDATION_LIMITS,
  MetricType,
  VALIDATION_FLAGS,
  type ValidationLimits,
} from '../../libs/remotewrite/index.js';
import type { DecodedRecord } from '../ingester/index.js';

const HELP: Record<keyof ValidationLimits, string> = {
  maxLabelNameLength: 'Longest accepted label name, in bytes.',
  maxLabelValueLength: 'Longest accepted label value, in bytes.',
  maxMetricNameLength: 'Longest accepted metric name, in bytes.',
  maxLabelNamesPerSeries: 'Most labels (the metric name included) a series may have.',
  creationGracePeriodMs: 'How far in the future a sample timestamp may be.',
  utf8Names: 'Accept any UTF-8 metric and label names (Prometheus 3), not only the legacy character set.',
};

/** The validation limit flags, derived from the limits `libs/remotewrite` defines. */
export const VALIDATION_FLAG_DEFS: readonly FlagDef[] = (Object.keys(VALIDATION_FLAGS) as (keyof ValidationLimits)[]).map(
  (key): FlagDef => {
    const name = VALIDATION_FLAGS[key].replace(/^--/, '');
    const def = DEFAULT_VALIDATION_LIMITS[key];
    if (typeof def === 'boolean') return { name, type: 'bool', default: def, help: HELP[key] };
    if (key === 'creationGracePeriodMs') return { name, type: 'duration', default: def, help: HELP[key] };
    return { name, type: 'int', default: def, help: HELP[key] };
  },
);

const TYPE_NAMES = new Map<number, string>(
  Object.entries(MetricType).map(([name, n]) => [n, name === 'GaugeHistogram' ? 'gaugehistogram' : name.toLowerCase()]),
);

/**
 * Decodes an ingest-log record: a remote-write 1.0 `WriteRequest` holding one tenant's
 * validated series (the tenant is the record key).
 */
export function decodeRecord(value: Uint8Array): DecodedRecord {
  const req = decodeWriteRequest(value, '1.0');
  return {
    series: req.timeseries.map((s) => ({ labels: s.labels, timestamps: s.samples.timestamps, values: s.samples.values })),
    metadata: req.metadata.map((m) => ({
      metricFamilyName: m.metricFamilyName,
      type: TYPE_NAMES.get(m.type) ?? 'unknown',
      help: m.help,
      unit: m.unit,
    })),
  };
}
