export type { IngesterConfig } from './config.js';
export { INGESTER_FLAGS, ingesterConfig } from './config.js';
export type { IngesterDeps, MetadataEntry } from './ingester.js';
export { Ingester } from './ingester.js';
export type { RecordSeries, RecordMetadata, DecodedRecord, RecordDecoder, LocalRecordDecoder } from './record.js';
export { decodeLocalWriteRequest } from './record.js';
