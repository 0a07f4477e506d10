/**
 * The contract every `IngestLog` implementation passes. Test-only: imported by
 * `embedded.test.ts` and `kafka.test.ts`, not exported from the library.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import type { ConsumedRecord, Consumer, IngestLog, RecordsHandler } from './types.js';

/** One empty log that can be opened, closed and opened again with its data. */
export interface LogFixture {
  open(): Promise<IngestLog>;
}

/** How the suite gets a fresh, empty log with `partitions` partitions. */
export type FixtureFactory = (partitions: number) => Promise<LogFixture>;

/** Polls `cond` every 10 ms until it holds, or fails after `timeoutMs`. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Random id of this test run, part of every group id the suite makes up. */
export const runId = Math.random().toString(36).slice(2, 10);
/**
 * A group id unique to this test run: Kafka groups outlive topics and may be shared by
 * concurrent runs against one broker.
 */
function group(name: string): string {
  return `test-${name}-${runId}`;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `n` records whose values say `prefix-i`. */
export function records(prefix: string, n: number): { key?: string; value: Uint8Array }[] {
  return Array.from({ length: n }, (_, i) => ({
    key: i % 2 ? `k${i}` : undefined,
    value: enc.encode(`${prefix}-${i}`),
  }));
}

/** Decodes a consumed value as text. */
export function text(r: ConsumedRecord): string {
  return dec.decode(r.value);
}

/** A handler that appends every record to `into`. */
export function collector(into: ConsumedRecord[]): RecordsHandler {
  return async (batch) => {
    into.push(...batch);
  };
}

/** Registers the contract tests for one implementation. */
export function ingestLogContract(name: string, fixture: FixtureFactory): void {
  describe(`IngestLog contract: ${name}`, () => {
    const opened: IngestLog[] = [];
    const open = async (f: LogFixture): Promise<IngestLog> => {
      const log = await f.open();
      opened.push(log);
      return log;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((l) => l.close()));
    });

    /** Starts a consumer collecting into an array; waits until `n` records arrived. */
    async function consume(
      log: IngestLog,
      partition: number,
      from: Parameters<Consumer['start']>[0],
      n: number,
    ) {
      const got: ConsumedRecord[] = [];
      const consumer = log.consumer(partition);
      await consumer.start(from, collector(got));
      await waitFor(() => got.length >= n, 20_000, `${n} records (have ${got.length})`);
      return { consumer, got };
    }

    it('assigns contiguous offsets and delivers records in order with keys and values intact', async () => {
      const log = await open(await fixture(1));
      const producer = log.producer();
      const a = await producer.produce(0, records('a', 3));
      const b = await producer.produce(0, records('b', 2));
      expect(a).toEqual({ baseOffset: 0, lastOffset: 2 });
      expect(b).toEqual({ baseOffset: 3, lastOffset: 4 });
      const { consumer, got } = await consume(log, 0, 'earliest', 5);
      expect(got.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
      expect(got.map(text)).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1']);
      expect(got.map((r) => r.key)).toEqual([undefined, 'k1', undefined, undefined, 'k1']);
      expect(await consumer.highWatermark()).toBe(5);
      await waitFor(async () => (await consumer.lag()) === 0, 5_000, 'lag 0');
      expect(consumer.position()).toBe(5);
      await consumer.stop();
      await producer.close();
    });

    it('keeps partitions independent', async () => {
      const log = await open(await fixture(2));
      const producer = log.producer();
      await producer.produce(0, records('p0', 2));
      expect(await producer.produce(1, records('p1', 3))).toEqual({ baseOffset: 0, lastOffset: 2 });
      expect(await log.offsets(0)).toEqual({ earliest: 0, highWatermark: 2 });
      expect(await log.offsets(1)).toEqual({ earliest: 0, highWatermark: 3 });
      const { consumer, got } = await consume(log, 1, 'earliest', 3);
      expect(got.map(text)).toEqual(['p1-0', 'p1-1', 'p1-2']);
      await consumer.stop();
    });

    it('starts from a number, clamps past the end, and tails new records', async () => {
      const log = await open(await fixture(1));
      const producer = log.producer();
      await producer.produce(0, records('a', 5));
      const fromTwo = await consume(log, 0, 2, 3);
      expect(fromTwo.got.map((r) => r.offset)).toEqual([2, 3, 4]);
      await fromTwo.consumer.stop();

      const got: ConsumedRecord[] = [];
      const tail = log.consumer(0);
      await tail.start(1000, collector(got));
      expect(tail.position()).toBe(5);
      const latestGot: ConsumedRecord[] = [];
      const latest = log.consumer(0, { groupId: group('other') });
      await latest.start('latest', collector(latestGot));
      expect(latest.position()).toBe(5);
      await producer.produce(0, records('b', 2));
      await waitFor(() => got.length === 2 && latestGot.length === 2, 20_000, 'tailed records');
      expect(got.map((r) => [r.offset, text(r)])).toEqual([
        [5, 'b-0'],
        [6, 'b-1'],
      ]);
      expect(latestGot.map((r) => r.offset)).toEqual([5, 6]);
      await tail.stop();
      await latest.stop();
    });

    it('starts from earliest when nothing was committed', async () => {
      const log = await open(await fixture(1));
      await log.producer().produce(0, records('a', 2));
      const consumer = log.consumer(0);
      expect(await consumer.committedOffset()).toBeUndefined();
      const got: ConsumedRecord[] = [];
      await consumer.start('committed', collector(got));
      await waitFor(() => got.length === 2);
      expect(got.map((r) => r.offset)).toEqual([0, 1]);
      await consumer.stop();
    });

    it('resumes from the committed offset after the log is reopened', async () => {
      const f = await fixture(1);
      let log = await open(f);
      await log.producer().produce(0, records('a', 10));
      const first = await consume(log, 0, 'committed', 10);
      await first.consumer.commit(6);
      expect(await first.consumer.committedOffset()).toBe(6);
      await first.consumer.stop();
      await log.close();

      log = await open(f);
      const again = log.consumer(0);
      expect(await again.committedOffset()).toBe(6);
      const got: ConsumedRecord[] = [];
      await again.start('committed', collector(got));
      expect(again.position()).toBe(6);
      await waitFor(() => got.length >= 4);
      expect(got.map((r) => r.offset)).toEqual([6, 7, 8, 9]);
      // A different group has its own committed offset, and can commit before starting.
      const other = log.consumer(0, { groupId: group('another') });
      expect(await other.committedOffset()).toBeUndefined();
      await other.commit(3);
      expect(await other.committedOffset()).toBe(3);
      await expectCategory(other.commit(-1), 'bad_data');
      expect(await again.committedOffset()).toBe(6);
      await again.stop();
    });

    it('starts from earliest or a number even when the group committed further', async () => {
      const log = await open(await fixture(1));
      await log.producer().produce(0, records('a', 10));
      const first = log.consumer(0);
      await first.start('latest', async () => undefined);
      await first.commit(6);
      await first.stop();
      for (const from of ['earliest', 3] as const) {
        const { consumer, got } = await consume(log, 0, from, 10 - (from === 'earliest' ? 0 : 3));
        expect(got[0]!.offset).toBe(from === 'earliest' ? 0 : 3);
        expect(got.map((r) => r.offset)).toEqual(
          Array.from({ length: got.length }, (_, i) => got[0]!.offset + i),
        );
        await consumer.stop();
      }
      expect(await log.consumer(0).committedOffset()).toBe(6);
    });

    it('stops on a handler error and redelivers from the committed offset', async () => {
      const log = await open(await fixture(1));
      await log.producer().produce(0, records('a', 4));
      const consumer = log.consumer(0);
      const boom = new Error('handler broke');
      let calls = 0;
      await consumer.start('earliest', async () => {
        calls++;
        throw boom;
      });
      await expect(consumer.stopped()).rejects.toBe(boom);
      expect(calls).toBe(1);
      expect(consumer.position()).toBe(0);
      await consumer.stop();
      const { consumer: next, got } = await consume(log, 0, 'committed', 4);
      expect(got[0]!.offset).toBe(0);
      await next.stop();
      await expect(next.stopped()).resolves.toBeUndefined();
    });

    it('gives each concurrent produce a contiguous run and loses nothing', async () => {
      const log = await open(await fixture(1));
      const producer = log.producer();
      const calls = 40;
      const per = 25;
      const results = await Promise.all(
        Array.from({ length: calls }, (_, c) => producer.produce(0, records(`c${c}`, per))),
      );
      const starts = results.map((r) => r.baseOffset).sort((a, b) => a - b);
      expect(starts).toEqual(Array.from({ length: calls }, (_, i) => i * per));
      results.forEach((r) => expect(r.lastOffset - r.baseOffset).toBe(per - 1));
      const { consumer, got } = await consume(log, 0, 'earliest', calls * per);
      expect(got.map((r) => r.offset)).toEqual(Array.from({ length: calls * per }, (_, i) => i));
      results.forEach((r, c) => {
        for (let i = 0; i < per; i++) expect(text(got[r.baseOffset + i]!)).toBe(`c${c}-${i}`);
      });
      await consumer.stop();
    });

    it('hands the handler batches of at most maxBatchRecords', async () => {
      const log = await open(await fixture(1));
      await log.producer().produce(0, records('a', 10));
      const sizes: number[] = [];
      const got: ConsumedRecord[] = [];
      const consumer = log.consumer(0, { maxBatchRecords: 3 });
      await consumer.start('earliest', async (batch) => {
        sizes.push(batch.length);
        got.push(...batch);
      });
      await waitFor(() => got.length === 10);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
      expect(got.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await consumer.stop();
      expect(() => log.consumer(0, { maxBatchRecords: 0 })).toThrow(EpimetheusError);
      expect(() => log.consumer(5)).toThrow(EpimetheusError);
    });

    it('rejects bad calls with bad_data and calls after close with unavailable', async () => {
      const log = await open(await fixture(1));
      const producer = log.producer();
      await expectCategory(producer.produce(1, records('x', 1)), 'bad_data');
      await expectCategory(producer.produce(-1, records('x', 1)), 'bad_data');
      await expectCategory(producer.produce(0, []), 'bad_data');
      await producer.close();
      await expectCategory(producer.produce(0, records('x', 1)), 'unavailable');
    });

    it('deleteBefore never removes records at or above the offset', async () => {
      const log = await open(await fixture(1));
      const producer = log.producer();
      for (let i = 0; i < 5; i++) await producer.produce(0, records(`r${i}`, 4));
      await log.deleteBefore(0, 10);
      const { earliest, highWatermark } = await log.offsets(0);
      expect(earliest).toBeLessThanOrEqual(10);
      expect(highWatermark).toBe(20);
      const { consumer, got } = await consume(log, 0, 'earliest', 20 - earliest);
      expect(got.map((r) => r.offset)).toEqual(Array.from({ length: 20 - earliest }, (_, i) => earliest + i));
      await consumer.stop();
    });
  });
}

/** Asserts that `p` rejects with an `EpimetheusError` of `category`. */
export async function expectCategory(p: Promise<unknown>, category: string): Promise<EpimetheusError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EpimetheusError);
  expect((err as EpimetheusError).category).toBe(category);
  return err as EpimetheusError;
}
