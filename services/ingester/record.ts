import type { Labels } from '../../libs/model/index.js';
import type { WriteRequest } from '../../libs/remotewrite/index.js';

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

/**
 * Turns a record's in-process `local` value (see `IngestLogRecord.local`) into the decoded
 * record, or undefined when it cannot stand in for decoding the bytes.
 */
export type LocalRecordDecoder = (local: unknown) => DecodedRecord | undefined;

/**
 * The default `LocalRecordDecoder`: the distributor attaches the remote-write `WriteRequest`
 * whose 1.0 encoding is the record value. Used only when it carries no metadata (request-level or
 * per series), so the series' labels and float samples are all the ingester takes from it, and
 * those are exactly what decoding the bytes would give.
 */
export const decodeLocalWriteRequest: LocalRecordDecoder = (local) => {
  if (typeof local !== 'object' || local === null) return undefined;
  const req = local as Partial<WriteRequest>;
  if (req.version !== '1.0' || !Array.isArray(req.timeseries) || !Array.isArray(req.metadata)) return undefined;
  if (req.metadata.length > 0) return undefined;
  const series = new Array<RecordSeries>(req.timeseries.length);
  for (let i = 0; i < series.length; i++) {
    const s = req.timeseries[i]!;
    if (s.metadata !== undefined) return undefined;
    series[i] = { labels: s.labels, timestamps: s.samples.timestamps, values: s.samples.values };
  }
  return { series, metadata: [] };
};
