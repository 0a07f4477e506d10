import { describe, expect, it } from 'vitest';
import { BytesSource, MAX_CONCURRENT_READS, readCoalesced, type ByteSource } from './byte-source.js';

/** Records reads and the most that were in flight at once. */
class RecordingSource implements ByteSource {
  reads: [number, number][] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly inner: BytesSource;

  constructor(bytes: Uint8Array) {
    this.inner = new BytesSource(bytes);
  }

  size(): Promise<number> {
    return this.inner.size();
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    await new Promise((r) => setImmediate(r));
    this.inFlight--;
    return this.inner.read(offset, length);
  }
}

const data = Uint8Array.from({ length: 100_000 }, (_, i) => i & 0xff);

describe('readCoalesced', () => {
  it('merges near ranges into one read and returns views in input order', async () => {
    const src = new RecordingSource(data);
    const got = await readCoalesced(
      src,
      [
        { offset: 200, length: 10 },
        { offset: 100, length: 10 },
        { offset: 50_000, length: 5 },
      ],
      1000,
    );
    expect(src.reads).toEqual([
      [100, 110],
      [50_000, 5],
    ]);
    expect(Array.from(got[0]!)).toEqual(Array.from(data.subarray(200, 210)));
    expect(Array.from(got[1]!)).toEqual(Array.from(data.subarray(100, 110)));
    expect(Array.from(got[2]!)).toEqual(Array.from(data.subarray(50_000, 50_005)));
  });

  it('cuts ranges short at the end of the source', async () => {
    const got = await readCoalesced(new BytesSource(data), [{ offset: 99_990, length: 100 }]);
    expect(got[0]!.length).toBe(10);
  });

  it('bounds the reads in flight', async () => {
    const src = new RecordingSource(data);
    const wants = Array.from({ length: 100 }, (_, i) => ({ offset: i * 900, length: 8 }));
    const got = await readCoalesced(src, wants, 0);
    expect(src.reads).toHaveLength(100);
    expect(src.maxInFlight).toBe(MAX_CONCURRENT_READS);
    expect(got.every((b, i) => b[0] === ((i * 900) & 0xff))).toBe(true);
  });
});
