/**
 * Group-commit benchmark of the embedded log. Run: `node --import tsx libs/ingestlog/ingestlog.bench.ts`.
 * Prints, per scenario, fdatasync counts and throughput, with ratios against the concurrency-1
 * run of the same process (the reference: one fdatasync per call).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmbeddedIngestLog } from './embedded-log.js';
import { Kafka } from 'kafkajs';
import { KafkaIngestLog } from './kafka-log.js';
import type { IngestLog } from './types.js';

const value = new Uint8Array(512).fill(42);

async function withLog<T>(f: (log: EmbeddedIngestLog) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingestlog-bench-'));
  const log = await EmbeddedIngestLog.open({ dir });
  try {
    return await f(log);
  } finally {
    await log.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** 2,000 records split evenly over `calls` concurrent produce calls. */
async function burst(calls: number): Promise<void> {
  await withLog(async (log) => {
    const per = 2000 / calls;
    const t0 = performance.now();
    const producer = log.producer();
    await Promise.all(
      Array.from({ length: calls }, () =>
        producer.produce(
          0,
          Array.from({ length: per }, () => ({ value })),
        ),
      ),
    );
    const ms = performance.now() - t0;
    console.log(
      `burst  calls=${String(calls).padStart(4)} records/call=${String(per).padStart(4)} fdatasyncs=${log.stats(0).dataSyncs} time=${ms.toFixed(1)}ms`,
    );
  });
}

/** `writers` loops each producing one record per call to `log` for `ms`; returns calls/s. */
async function steadyOn(
  log: IngestLog,
  name: string,
  writers: number,
  ms: number,
  syncs: () => number,
): Promise<number> {
  const producer = log.producer();
  const before = syncs();
  const end = performance.now() + ms;
  let calls = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) {
        await producer.produce(0, [{ value }]);
        calls++;
      }
    }),
  );
  const n = syncs() - before;
  const rate = calls / (ms / 1000);
  console.log(
    `${name} writers=${String(writers).padStart(3)} calls/s=${rate.toFixed(0).padStart(6)} calls per fdatasync/request=${(calls / n).toFixed(1)}`,
  );
  return rate;
}

async function steady(writers: number, ms: number): Promise<number> {
  return withLog((log) => steadyOn(log, 'embedded', writers, ms, () => log.stats(0).dataSyncs));
}

for (const calls of [1, 10, 100, 1000, 2000]) await burst(calls);
const reference = await steady(1, 1500);
for (const writers of [8, 64, 256]) {
  const rate = await steady(writers, 1500);
  console.log(`         throughput ratio vs 1 writer: ${(rate / reference).toFixed(1)}x`);
}

// Kafka, when `npm run deps:up` has started a broker.
const env = await fs.readFile(new URL('../../.deps/env', import.meta.url), 'utf8').catch(() => '');
const brokers = /^KAFKA_BROKERS=(.+)$/m.exec(env)?.[1]?.split(',');
if (brokers) {
  const topic = `epimetheus-ingest-bench-${Date.now()}`;
  const log = await KafkaIngestLog.open({ brokers, topic });
  const requests = (): number => log.sendStats().requests;
  const kafkaRef = await steadyOn(log, 'kafka   ', 1, 1500, requests);
  for (const writers of [8, 64, 256]) {
    const rate = await steadyOn(log, 'kafka   ', writers, 1500, requests);
    console.log(`         throughput ratio vs 1 writer: ${(rate / kafkaRef).toFixed(1)}x`);
  }
  await log.close();
  const admin = new Kafka({ brokers, logCreator: () => () => undefined }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
}
