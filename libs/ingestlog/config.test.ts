import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import {
  EMBEDDED_INGEST_LOG_DEFAULTS,
  EmbeddedIngestLog,
  resolveEmbeddedIngestLogConfig,
} from './embedded-log.js';
import { KAFKA_INGEST_LOG_DEFAULTS, resolveKafkaIngestLogConfig } from './kafka-config.js';
import { kafkaLogCreator, mapKafkaError } from './kafka-support.js';
import { tempDir } from './testing.js';
import type { IngestLogLogger } from './types.js';

function badDataMessage(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(EpimetheusError);
    expect((err as EpimetheusError).category).toBe('bad_data');
    return (err as Error).message;
  }
  throw new Error('expected a bad_data error');
}

describe('resolveEmbeddedIngestLogConfig', () => {
  it('fills defaults', () => {
    expect(resolveEmbeddedIngestLogConfig({ dir: '/d', segmentBytes: undefined })).toEqual({
      dir: '/d',
      ...EMBEDDED_INGEST_LOG_DEFAULTS,
    });
  });
  const invalid: {
    name: string;
    config: Parameters<typeof resolveEmbeddedIngestLogConfig>[0];
    mentions: string;
  }[] = [
    { name: 'no dir', config: { dir: '' }, mentions: 'dir' },
    { name: 'zero partitions', config: { dir: '/d', partitions: 0 }, mentions: 'partitions' },
    { name: 'fractional segment size', config: { dir: '/d', segmentBytes: 1.5 }, mentions: 'segmentBytes' },
    {
      name: 'record limit over u32',
      config: { dir: '/d', maxRecordBytes: 2 ** 32 },
      mentions: 'maxRecordBytes',
    },
    { name: 'negative memory tail', config: { dir: '/d', memoryTailBytes: -1 }, mentions: 'memoryTailBytes' },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name}`, () =>
      expect(badDataMessage(() => resolveEmbeddedIngestLogConfig(c.config))).toContain(c.mentions));
  }
});

describe('resolveKafkaIngestLogConfig', () => {
  it('fills defaults', () => {
    expect(resolveKafkaIngestLogConfig({ brokers: ['k:9092'] })).toEqual({
      brokers: ['k:9092'],
      ...KAFKA_INGEST_LOG_DEFAULTS,
    });
  });
  const invalid: {
    name: string;
    config: Parameters<typeof resolveKafkaIngestLogConfig>[0];
    mentions: string;
  }[] = [
    { name: 'no brokers', config: { brokers: [] }, mentions: 'brokers' },
    { name: 'broker without port', config: { brokers: ['kafka'] }, mentions: 'brokers' },
    { name: 'bad topic', config: { brokers: ['k:1'], topic: 'a/b' }, mentions: 'topic' },
    {
      name: 'zero replication factor',
      config: { brokers: ['k:1'], replicationFactor: 0 },
      mentions: 'replicationFactor',
    },
    {
      name: 'zero produce timeout',
      config: { brokers: ['k:1'], produceTimeoutMs: 0 },
      mentions: 'produceTimeoutMs',
    },
    { name: 'negative retries', config: { brokers: ['k:1'], retries: -1 }, mentions: 'retries' },
    { name: 'idempotent without retries', config: { brokers: ['k:1'], retries: 0 }, mentions: 'idempotent' },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name}`, () =>
      expect(badDataMessage(() => resolveKafkaIngestLogConfig(c.config))).toContain(c.mentions));
  }
});

describe('kafka glue', () => {
  it('accepts a pino logger as its logger', () => {
    // Compile-time check of the IngestLogLogger shape against pino, plus a smoke call.
    const logger: IngestLogLogger = pino({ level: 'silent' });
    expect(() =>
      kafkaLogCreator(logger)(logLevel.WARN)({
        namespace: 'n',
        level: logLevel.WARN,
        label: 'WARN',
        log: { timestamp: 't', message: 'm' },
      }),
    ).not.toThrow();
  });

  it('routes kafkajs log entries to the injected logger by level', () => {
    const seen: [string, object, string | undefined][] = [];
    const rec = (level: string) => (fields: object, msg?: string) => void seen.push([level, fields, msg]);
    const logger: IngestLogLogger = {
      debug: rec('debug'),
      info: rec('info'),
      warn: rec('warn'),
      error: rec('error'),
    };
    const log = kafkaLogCreator(logger)(logLevel.WARN);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 't', message: 'refused', broker: 'b:1' },
    });
    log({
      namespace: 'Producer',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 't', message: 'slow' },
    });
    expect(seen).toEqual([
      ['error', { component: 'kafkajs', namespace: 'Connection', broker: 'b:1' }, 'kafkajs: refused'],
      ['warn', { component: 'kafkajs', namespace: 'Producer' }, 'kafkajs: slow'],
    ]);
  });

  const errors: { name: string; err: unknown; single: boolean; category: string }[] = [
    {
      name: 'connection error',
      err: Object.assign(new Error('ECONNREFUSED'), { name: 'KafkaJSConnectionError' }),
      single: true,
      category: 'unavailable',
    },
    {
      name: 'too large, one caller',
      err: Object.assign(new Error('x'), { type: 'MESSAGE_TOO_LARGE' }),
      single: true,
      category: 'bad_data',
    },
    {
      name: 'too large, shared request',
      err: Object.assign(new Error('x'), { type: 'MESSAGE_TOO_LARGE' }),
      single: false,
      category: 'unavailable',
    },
    {
      name: 'not leader',
      err: Object.assign(new Error('x'), { type: 'NOT_LEADER_FOR_PARTITION' }),
      single: true,
      category: 'unavailable',
    },
  ];
  for (const c of errors) {
    it(`maps ${c.name} to ${c.category}`, () => {
      const mapped = mapKafkaError(c.err, 'produce', c.single);
      expect(mapped.category).toBe(c.category);
      expect(mapped.cause).toBe(c.err);
    });
  }
});

describe('metrics', () => {
  it('are all named epimetheus_ingestlog_*, counters ending in _total, on the injected registry', async () => {
    const registry = new Registry();
    const dir = await tempDir();
    const log = await EmbeddedIngestLog.open({ dir }, { registry });
    await log.producer().produce(0, [{ value: new Uint8Array(1) }]);
    const metrics = await registry.getMetricsAsJSON();
    expect(metrics.length).toBeGreaterThan(5);
    for (const m of metrics) {
      expect(m.name).toMatch(/^epimetheus_ingestlog_[a-z_]+$/);
      expect(m.name.endsWith('_total')).toBe(String(m.type) === 'counter');
    }
    expect(await registry.getSingleMetricAsString('epimetheus_ingestlog_produced_records_total')).toContain(
      'partition="0"} 1',
    );
    expect(await registry.getSingleMetricAsString('epimetheus_ingestlog_high_watermark')).toContain(
      'partition="0"} 1',
    );
    await log.close();
  });

  it('survive reopening the log with the same registry', async () => {
    const registry = new Registry();
    const dir = await tempDir();
    for (let i = 0; i < 2; i++) {
      const log = await EmbeddedIngestLog.open({ dir }, { registry });
      await log.producer().produce(0, [{ value: new Uint8Array(1) }]);
      await log.close();
    }
    const text = await registry.getSingleMetricAsString('epimetheus_ingestlog_produced_records_total');
    expect(text).toContain('partition="0"} 2');
  });
});
