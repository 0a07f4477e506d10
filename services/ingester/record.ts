import type { Labels } from '../../libs/model/index.js';

/** One series of a decoded ingest-log record. */
export interface RecordSeries {
  labels: Labels;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** One metadata entry of a decoded record. */
export interface RecordMetadata {
  metricFamilyName: string;
  type: string;
  help: string;
  unit: string;
}

/** A decoded ingest-log record: one tenant's validated write. */
export interface DecodedRecord {
  series: readonly RecordSeries[];
  metadata: readonly RecordMetadata[];
}

/**
 * Decodes the value of an ingest-log record. Supplied by `services/app` (the record format
 * is the remote-write protobuf, shared with the distributor through `libs/remotewrite`).
 * @throws EpimetheusError `bad_data` for a corrupt record.
 */
export type RecordDecoder = (value: Uint8Array) => DecodedRecord;
