import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collector,
  expectCategory,
  ingestLogContract,
  records,
  runId,
  text,
  waitFor,
} from './contract-suite.js';
import { KafkaIngestLog } from './kafka-log.js';
import type { ConsumedRecord } from './types.js';

/** `KAFKA_BROKERS` from `.deps/env`, written by `npm run deps:up`; undefined if absent. */
function kafkaBrokers(): string[] | undefined {
  const file = fileURLToPath(new URL('../../.deps/env', import.meta.url));
  let env: string;
  try {
    env = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const line = env.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
  return line?.slice('KAFKA_BROKERS='.length).trim().split(',').filter(Boolean);
}

const brokers = kafkaBrokers();
let topicSeq = 0;
const topics: string[] = [];
/** A topic name no earlier run used, so every fixture starts empty; deleted after the file. */
function freshTopic(): string {
  const topic = `epimetheus-ingest-test-${Date.now()}-${process.pid}-${topicSeq++}`;
  topics.push(topic);
  return topic;
}

/** Settings that keep failing calls short in tests. */
const fast = {
  startupTimeoutMs: 20_000,
  requestTimeoutMs: 3_000,
  maxWaitTimeMs: 100,
  sessionTimeoutMs: 6_000,
};

/** A port on loopback where nothing listens (bound, then released). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

if (!brokers || brokers.length === 0) {
  // Not skipped on purpose: CI runs `npm run deps:up` first, so a missing broker is a failure.
  describe('IngestLog contract: kafka', () => {
    it('needs a Kafka broker', () => {
      throw new Error('no KAFKA_BROKERS in .deps/env: run `npm run deps:up` to start Kafka on loopback');
    });
  });
} else {
  afterAll(async () => {
    // The broker is shared by every test run on this machine: leave no test topics behind.
    const admin = new Kafka({ brokers, logCreator: () => () => undefined }).admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: topics.filter((t) => existing.has(t)) });
    const { groups } = await admin.listGroups();
    const mine = groups
      .map((g) => g.groupId)
      .filter((id) => id.includes(runId) || topics.some((t) => id.startsWith(t)));
    // Best effort: a group whose last member is still leaving refuses deletion (NON_EMPTY_GROUP).
    if (mine.length > 0) {
      await admin.deleteGroups(mine).catch((e: unknown) => {
        console.warn(
          'could not delete test consumer groups',
          JSON.stringify((e as { groups?: unknown }).groups),
        );
      });
    }
    await admin.disconnect();
  });

  ingestLogContract('kafka', async (partitions) => {
    const topic = freshTopic();
    const config = { ...fast, brokers, topic, partitions, consumerGroupPrefix: `${topic}-ingester-` };
    return { open: () => KafkaIngestLog.open(config) };
  });

  describe('kafka ingest log', () => {
    it('rejects produce with unavailable within a bounded time when the broker is down', async () => {
      const log = new KafkaIngestLog({
        brokers: [`127.0.0.1:${await deadPort()}`],
        produceTimeoutMs: 3_000,
        connectionTimeoutMs: 300,
        requestTimeoutMs: 500,
        retries: 2,
        initialRetryTimeMs: 50,
        maxRetryTimeMs: 200,
      });
      const producer = log.producer();
      const started = Date.now();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => producer.produce(0, records('x', 2))),
      );
      const elapsed = Date.now() - started;
      expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
      for (const o of outcomes)
        await expectCategory(Promise.reject((o as PromiseRejectedResult).reason), 'unavailable');
      // produceTimeoutMs (3 s) bounds it; the slack is for a loaded 2-core CI machine.
      expect(elapsed).toBeLessThan(5_000);
      await log.close();
    });

    it('rejects produce with unavailable when the broker accepts connections but never answers', async () => {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((s) => void sockets.add(s));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      const log = new KafkaIngestLog({
        brokers: [`127.0.0.1:${port}`],
        // kafkajs alone would wait ~3 s for the silent broker; produceTimeoutMs must cut that short.
        produceTimeoutMs: 800,
        connectionTimeoutMs: 3_000,
        requestTimeoutMs: 3_000,
        retries: 1,
        initialRetryTimeMs: 50,
        maxRetryTimeMs: 50,
      });
      const started = Date.now();
      await expectCategory(log.producer().produce(0, records('x', 1)), 'unavailable');
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(750);
      expect(elapsed).toBeLessThan(2_500);
      await log.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('consumer start rejects with unavailable when the broker is down', async () => {
      const log = new KafkaIngestLog({
        brokers: [`127.0.0.1:${await deadPort()}`],
        connectionTimeoutMs: 300,
        retries: 1,
      });
      const started = Date.now();
      await expectCategory(
        log.consumer(0).start('committed', async () => undefined),
        'unavailable',
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      await log.close();
    });

    it('open rejects with unavailable when no broker answers before the startup timeout', async () => {
      const started = Date.now();
      await expectCategory(
        KafkaIngestLog.open({
          brokers: [`127.0.0.1:${await deadPort()}`],
          startupTimeoutMs: 1_500,
          connectionTimeoutMs: 300,
          retries: 1,
        }),
        'unavailable',
      );
      expect(Date.now() - started).toBeLessThan(6_000);
    });

    it('creates the topic with the configured partitions and refuses a topic with fewer', async () => {
      const topic = freshTopic();
      const log = await KafkaIngestLog.open({ ...fast, brokers, topic, partitions: 3 });
      expect(await log.offsets(2)).toEqual({ earliest: 0, highWatermark: 0 });
      await log.close();
      await expectCategory(KafkaIngestLog.open({ ...fast, brokers, topic, partitions: 4 }), 'bad_data');
      // Reopening with the same count uses the existing topic.
      const again = await KafkaIngestLog.open({ ...fast, brokers, topic, partitions: 3 });
      await again.close();
    });

    it('lets several processes create the same topic at once', async () => {
      const topic = freshTopic();
      const logs = await Promise.all(
        [1, 2, 3].map(() => KafkaIngestLog.open({ ...fast, brokers, topic, partitions: 2 })),
      );
      expect(await Promise.all(logs.map((l) => l.offsets(1)))).toEqual(
        Array(3).fill({ earliest: 0, highWatermark: 0 }),
      );
      await Promise.all(logs.map((l) => l.close()));
    });

    it('sends concurrent produce calls in few requests', async () => {
      const registry = new Registry();
      const topic = freshTopic();
      const log = await KafkaIngestLog.open({ ...fast, brokers, topic, partitions: 2 }, { registry });
      const producer = log.producer();
      const calls = 200;
      const results = await Promise.all(
        Array.from({ length: calls }, (_, c) => producer.produce(c % 2, records(`c${c}`, 10))),
      );
      const { requests, acknowledged } = log.sendStats();
      expect(acknowledged).toBe(calls);
      expect(requests).toBeLessThan(calls / 10);
      console.log(
        `kafka batching: ${calls} concurrent produce calls (${calls * 10} records) -> ${requests} requests`,
      );
      // Offsets per partition are still contiguous runs.
      for (const p of [0, 1]) {
        const starts = results
          .filter((_, c) => c % 2 === p)
          .map((r) => r.baseOffset)
          .sort((a, b) => a - b);
        expect(starts).toEqual(Array.from({ length: calls / 2 }, (_, i) => i * 10));
      }
      const got: ConsumedRecord[] = [];
      const consumer = log.consumer(1);
      await consumer.start('earliest', collector(got));
      await waitFor(() => got.length === (calls / 2) * 10);
      results.forEach((r, c) => {
        if (c % 2 === 1) expect(text(got[r.baseOffset]!)).toBe(`c${c}-0`);
      });
      await consumer.stop();
      await log.close();
    });
  });
}
