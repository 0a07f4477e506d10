/**
 * Validation limits applied to every incoming series, with their defaults and the flags
 * that set them. Per-tenant overrides use the same field names (snake_case in YAML).
 */
export interface ValidationLimits {
  /** Longest label name, in UTF-8 bytes. @default 1024 */
  maxLabelNameLength: number;
  /** Longest label value, in UTF-8 bytes. @default 2048 */
  maxLabelValueLength: number;
  /** Longest metric name, in UTF-8 bytes. @default 1024 */
  maxMetricNameLength: number;
  /** Most labels (the metric name included) a series may have. @default 30 */
  maxLabelNamesPerSeries: number;
  /** How far past the receiver's clock a sample may be, in ms. @default 600000 (10m) */
  creationGracePeriodMs: number;
  /**
   * Accept any non-empty UTF-8 metric and label name (Prometheus 3); when false, metric
   * names must match `[a-zA-Z_:][a-zA-Z0-9_:]*` and label names `[a-zA-Z_][a-zA-Z0-9_]*`.
   * @default false
   */
  utf8Names: boolean;
}

/** The defaults of every validation limit. */
export const DEFAULT_VALIDATION_LIMITS: Readonly<ValidationLimits> = Object.freeze({
  maxLabelNameLength: 1024,
  maxLabelValueLength: 2048,
  maxMetricNameLength: 1024,
  maxLabelNamesPerSeries: 30,
  creationGracePeriodMs: 10 * 60 * 1000,
  utf8Names: false,
});

/** The command-line flag of each limit, named in rejection messages. */
export const VALIDATION_FLAGS: Readonly<Record<keyof ValidationLimits, string>> = Object.freeze({
  maxLabelNameLength: '--validation.max-length-label-name',
  maxLabelValueLength: '--validation.max-length-label-value',
  maxMetricNameLength: '--validation.max-length-metric-name',
  maxLabelNamesPerSeries: '--validation.max-label-names-per-series',
  creationGracePeriodMs: '--validation.create-grace-period',
  utf8Names: '--validation.utf8-names',
});

/** Why a series or some of its samples were rejected; also the suffix of the error id. */
export type RejectionReason =
  | 'missing_metric_name'
  | 'invalid_metric_name'
  | 'metric_name_too_long'
  | 'invalid_label'
  | 'label_name_too_long'
  | 'label_value_too_long'
  | 'max_label_names_per_series'
  | 'duplicate_label_names'
  | 'sample_out_of_order'
  | 'too_far_in_future'
  | 'too_old'
  | 'invalid_native_histogram'
  | 'invalid_exemplar';

/** Every rejection reason, for pre-registering metric label values. */
export const REJECTION_REASONS: readonly RejectionReason[] = Object.freeze([
  'missing_metric_name',
  'invalid_metric_name',
  'metric_name_too_long',
  'invalid_label',
  'label_name_too_long',
  'label_value_too_long',
  'max_label_names_per_series',
  'duplicate_label_names',
  'sample_out_of_order',
  'too_far_in_future',
  'too_old',
  'invalid_native_histogram',
  'invalid_exemplar',
] as const);

/** The stable, documented error id of a rejection reason, e.g. `err-epimetheus-too-old`. */
export function rejectionErrorId(reason: RejectionReason): string {
  return `err-epimetheus-${reason.replaceAll('_', '-')}`;
}
