import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { FlagDef, FlagValues } from '../../libs/config/index.js';
import { EmbeddedIngestLog, KafkaIngestLog, type IngestLog } from '../../libs/ingestlog/index.js';
import { StoreClient } from '../../libs/storeapi/index.js';

/** Flags of the scaled-out backends; without them every backend is embedded. */
export const DISTRIBUTED_FLAGS: readonly FlagDef[] = [
  { name: 'kafka.brokers', type: 'list', default: [], help: 'Kafka bootstrap brokers; empty uses the embedded ingest log.' },
  { name: 'kafka.topic', type: 'string', default: 'epimetheus-ingest', help: 'Kafka topic of the ingest log.' },
  { name: 'kafka.partitions', type: 'int', default: 1, help: 'Partitions of the ingest-log topic (created if missing).' },
  { name: 'instance.id', type: 'string', default: '', help: 'This instance\'s id; an ingester id ending in -N owns partition N.' },
  {
    name: 'querier.store-addresses',
    type: 'list',
    default: [],
    help: 'StoreAPI gRPC addresses (ingesters, store-gateways, other clusters\' queriers) the querier fans out to.',
  },
  { name: 'querier.store-timeout', type: 'duration', default: 120_000, help: 'Deadline of one StoreAPI call.' },
];

/** Opens the ingest log: Kafka when brokers are configured, else the embedded log under `dir`. */
export function openIngestLog(values: FlagValues, dir: string, deps: { logger: Logger; registry: Registry }): Promise<IngestLog> {
  const brokers = values.get('kafka.brokers') as string[];
  if (brokers.length === 0) return EmbeddedIngestLog.open({ dir }, deps);
  return KafkaIngestLog.open(
    { brokers, topic: values.get('kafka.topic') as string, partitions: values.get('kafka.partitions') as number },
    deps,
  );
}

/**
 * The partition an ingester consumes: `--ingester.partition-id` when set, else (on Kafka)
 * the number an `--instance.id` like `ingester-zone-a-2` ends with, else 0. The embedded
 * log has one partition, so there the instance id says nothing about it.
 */
export function partitionOf(values: FlagValues): number {
  const explicit = values.get('ingester.partition-id') as number;
  if (explicit >= 0) return explicit;
  if ((values.get('kafka.brokers') as string[]).length === 0) return 0;
  const m = /-(\d+)$/.exec(values.get('instance.id') as string);
  return m ? Number(m[1]) : 0;
}

/** StoreAPI clients for `--querier.store-addresses`. */
export function storeClients(values: FlagValues): StoreClient[] {
  const timeoutMs = values.get('querier.store-timeout') as number;
  return (values.get('querier.store-addresses') as string[]).map((a) => new StoreClient(a, { timeoutMs }));
}
