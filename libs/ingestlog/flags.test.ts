import { describe, expect, it } from 'vitest';
import { FlagSet } from '../config/index.js';
import { EpimetheusError } from '../errors/index.js';
import { EmbeddedIngestLog } from './embedded-log.js';
import { INGEST_LOG_FLAGS, ingestLogConfigFromFlags, openIngestLog } from './flags.js';
import { tempDir } from './testing.js';

/** Parses `argv` with the config library's FlagSet holding only the ingest log's flags. */
function parse(argv: string[]): ReadonlyMap<string, unknown> {
  return new FlagSet().register(INGEST_LOG_FLAGS).parse(argv);
}

describe('ingest log flags', () => {
  it('default to the embedded log under the given directory', () => {
    const c = ingestLogConfigFromFlags(parse([]), '/data/ingest-log');
    expect(c.backend).toBe('embedded');
    expect(c.embedded).toEqual({
      dir: '/data/ingest-log',
      partitions: 1,
      segmentBytes: 64 * 1024 * 1024,
      maxRecordBytes: 16 * 1024 * 1024,
    });
  });

  it('compile the Kafka flags, durations in milliseconds', () => {
    const c = ingestLogConfigFromFlags(
      parse([
        '--ingest-storage.backend=kafka',
        '--ingest-storage.partitions=8',
        '--ingest-storage.kafka.address=k1:9092,k2:9092',
        '--ingest-storage.kafka.topic=ingest',
        '--ingest-storage.kafka.write-timeout=2s',
        '--ingest-storage.kafka.idempotent=false',
      ]),
      '/unused',
    );
    expect(c.backend).toBe('kafka');
    expect(c.kafka).toMatchObject({
      brokers: ['k1:9092', 'k2:9092'],
      topic: 'ingest',
      partitions: 8,
      produceTimeoutMs: 2000,
      idempotent: false,
    });
  });

  const invalid: { name: string; argv: string[]; flag: string }[] = [
    { name: 'unknown backend', argv: ['--ingest-storage.backend=nats'], flag: '--ingest-storage.backend' },
    {
      name: 'kafka without brokers',
      argv: ['--ingest-storage.backend=kafka'],
      flag: '--ingest-storage.kafka.address',
    },
    { name: 'zero partitions', argv: ['--ingest-storage.partitions=0'], flag: '--ingest-storage.partitions' },
    {
      name: 'zero segment size',
      argv: ['--ingest-storage.embedded.segment-size-bytes=0'],
      flag: '--ingest-storage.embedded.segment-size-bytes',
    },
    {
      name: 'zero write timeout',
      argv: [
        '--ingest-storage.backend=kafka',
        '--ingest-storage.kafka.address=k:1',
        '--ingest-storage.kafka.write-timeout=0s',
      ],
      flag: '--ingest-storage.kafka.write-timeout',
    },
  ];
  for (const c of invalid) {
    it(`name the flag when invalid: ${c.name}`, () => {
      let err: unknown;
      try {
        ingestLogConfigFromFlags(parse(c.argv), '/d');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EpimetheusError);
      expect((err as EpimetheusError).category).toBe('bad_data');
      expect((err as Error).message).toContain(`invalid ${c.flag}`);
    });
  }

  it('open the configured implementation', async () => {
    const dir = await tempDir();
    const log = await openIngestLog(ingestLogConfigFromFlags(parse(['--ingest-storage.partitions=2']), dir));
    expect(log).toBeInstanceOf(EmbeddedIngestLog);
    expect(log.partitions).toBe(2);
    await log.close();
  });
});
