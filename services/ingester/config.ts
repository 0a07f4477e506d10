import type { FlagDef, FlagValues } from '../../libs/config/index.js';

/** Ingester settings. */
export interface IngesterConfig {
  /** The ingest-log partition this ingester consumes. @default 0 */
  partitionId: number;
  /** Samples this much older than a tenant's newest sample are still accepted. @default 0 */
  outOfOrderWindowMs: number;
  /** Length of a block; the head keeps about 1.5 of them. @default 2h */
  blockRangeMs: number;
  /** How often heads are checked for a full block range to cut. @default 1m */
  cutIntervalMs: number;
  /** Local copies of shipped blocks are deleted this long after their data ends. @default 6h */
  localBlockRetentionMs: number;
  /** A tenant with no appends for this long has its whole head cut into blocks. @default 1h */
  idleTimeoutMs: number;
  /** Consumer group of this ingester; '' for the log's default per partition. */
  consumerGroup: string;
  /** Delete ingest-log records below the committed offset (the embedded log, one group). */
  deleteLogBelowCommit: boolean;
  /** Readiness waits until the consumer is within this many records of the log end. @default 0 */
  maxReadyLag: number;
}

/** The ingester's flags. */
export const INGESTER_FLAGS: readonly FlagDef[] = [
  { name: 'ingester.partition-id', type: 'int', default: -1, help: 'Ingest-log partition this ingester consumes (-1: from --instance.id, else 0).' },
  {
    name: 'ingester.out-of-order-time-window',
    type: 'duration',
    default: 0,
    help: 'Accept samples up to this much older than the newest sample of their series (0 disables).',
  },
  { name: 'ingester.block-range', type: 'duration', default: 7_200_000, help: 'Time range of one TSDB block.' },
  {
    name: 'ingester.cut-interval',
    type: 'duration',
    default: 60_000,
    help: 'How often heads are checked for a block range ready to be cut and uploaded.',
  },
  {
    name: 'ingester.local-block-retention',
    type: 'duration',
    default: 6 * 3_600_000,
    help: 'How long local copies of uploaded blocks are kept, counted from the end of their data.',
  },
  {
    name: 'ingester.idle-timeout',
    type: 'duration',
    default: 3_600_000,
    help: 'A tenant that appended nothing for this long has its whole head cut into blocks and shipped.',
  },
  {
    name: 'ingester.max-ready-lag',
    type: 'int',
    default: 0,
    help: 'The ingester is ready once it is at most this many records behind the ingest log after replay.',
  },
];

/** Compiles the ingester's flags. @throws Error naming the flag when invalid. */
export function ingesterConfig(v: FlagValues): IngesterConfig {
  const c: IngesterConfig = {
    partitionId: v.get('ingester.partition-id') as number,
    outOfOrderWindowMs: v.get('ingester.out-of-order-time-window') as number,
    blockRangeMs: v.get('ingester.block-range') as number,
    maxReadyLag: v.get('ingester.max-ready-lag') as number,
    cutIntervalMs: v.get('ingester.cut-interval') as number,
    localBlockRetentionMs: v.get('ingester.local-block-retention') as number,
    idleTimeoutMs: v.get('ingester.idle-timeout') as number,
    consumerGroup: '',
    deleteLogBelowCommit: true,
  };
  if (c.partitionId < -1) throw new Error('--ingester.partition-id must be -1 (derive) or a partition number');
  if (c.blockRangeMs < 60_000) throw new Error('--ingester.block-range must be at least 1m');
  if (c.outOfOrderWindowMs < 0) throw new Error('--ingester.out-of-order-time-window must not be negative');
  return c;
}
