import { describe, expect, it } from 'vitest';
import { collector, records, text, waitFor } from './contract-suite.js';
import { EmbeddedIngestLog } from './embedded-log.js';
import { encodeBatch } from './frame.js';
import { MemoryTail } from './memory-tail.js';
import { tempDir } from './testing.js';
import type { ConsumedRecord, IngestLog } from './types.js';

const enc = new TextEncoder();

function frames(...values: string[]): Buffer {
  return encodeBatch(
    values.map((v) => ({ key: 't', value: enc.encode(v) })),
    1 << 20,
  ).bytes;
}

describe('MemoryTail', () => {
  it('serves contiguous records from any held offset, with their locals', () => {
    const tail = new MemoryTail(1 << 20);
    tail.add(10, frames('a', 'b'), [{ n: 1 }, undefined]);
    tail.add(12, frames('c'), ['x']);
    expect(tail.firstOffset).toBe(10);
    const got = tail.read(11, 10, 1 << 20)!;
    expect(got.map((r) => [r.offset, r.key, new TextDecoder().decode(r.value), r.local])).toEqual([
      [11, 't', 'b', undefined],
      [12, 't', 'c', 'x'],
    ]);
    expect('local' in got[0]!).toBe(false);
    expect(tail.read(9, 10, 1 << 20)).toBeUndefined();
    expect(tail.read(13, 10, 1 << 20)).toBeUndefined();
    expect(tail.read(10, 1, 1 << 20)!.map((r) => r.offset)).toEqual([10]);
    // The byte limit stops a read after the record that reaches it, never before the first.
    expect(tail.read(10, 10, 1)!.map((r) => r.offset)).toEqual([10]);
  });

  it('drops the oldest records beyond its byte bound, and restarts after a gap', () => {
    const one = frames('0123456789').length;
    const tail = new MemoryTail(3 * one);
    for (let i = 0; i < 100; i++) tail.add(i, frames('0123456789'), []);
    expect(tail.firstOffset).toBe(97);
    expect(tail.heldBytes).toBe(3 * one);
    expect(tail.read(96, 10, 1 << 20)).toBeUndefined();
    expect(tail.read(97, 10, 1 << 20)!.map((r) => r.offset)).toEqual([97, 98, 99]);
    tail.add(200, frames('z'), []);
    expect(tail.firstOffset).toBe(200);
    expect(tail.read(99, 10, 1 << 20)).toBeUndefined();
  });

  it('keeps nothing with a bound of 0', () => {
    const tail = new MemoryTail(0);
    tail.add(0, frames('a'), ['x']);
    expect(tail.firstOffset).toBe(Infinity);
    expect(tail.read(0, 1, 1 << 20)).toBeUndefined();
  });
});

async function consumeAll(log: IngestLog, n: number): Promise<ConsumedRecord[]> {
  const got: ConsumedRecord[] = [];
  const c = log.consumer(0, { groupId: `g${Math.random()}` });
  await c.start('earliest', collector(got));
  await waitFor(() => got.length >= n, 10_000, `${n} records`);
  await c.stop();
  return got;
}

describe('embedded log memory tail', () => {
  it('hands a record its local value in process, and the same bytes without it after a reopen', async () => {
    const dir = await tempDir();
    let log = await EmbeddedIngestLog.open({ dir });
    const local = { decoded: ['r-0'] };
    await log.producer().produce(0, [{ key: 't', value: enc.encode('r-0'), local }]);
    await log.producer().produce(0, records('s', 2));
    const live = await consumeAll(log, 3);
    expect(live.map(text)).toEqual(['r-0', 's-0', 's-1']);
    expect(live[0]!.local).toBe(local);
    expect(live[1]!.local).toBeUndefined();
    await log.close();
    log = await EmbeddedIngestLog.open({ dir });
    const replayed = await consumeAll(log, 3);
    expect(replayed.map((r) => [r.offset, r.key, text(r), r.local])).toEqual(
      live.map((r) => [r.offset, r.key, text(r), undefined]),
    );
    await log.close();
  });

  it('reads from disk what fell out of a small tail, in order and once', async () => {
    const dir = await tempDir();
    const log = await EmbeddedIngestLog.open({ dir, memoryTailBytes: 64 });
    for (let i = 0; i < 20; i++) await log.producer().produce(0, records(`r${i}`, 2));
    const got = await consumeAll(log, 40);
    expect(got.map((r) => r.offset)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(got.map(text).slice(-2)).toEqual(['r19-0', 'r19-1']);
    await log.close();
  });
});
