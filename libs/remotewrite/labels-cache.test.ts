import { describe, expect, it } from 'vitest';
import { labelsFrom, type Labels } from '../model/index.js';
import { WriteRequestV1Decoder } from './decode-v1.js';
import { encodeWriteRequestV1 } from './encode.js';
import { LabelsCache, hashBytes, labelRunEnd } from './labels-cache.js';
import { DEFAULT_VALIDATION_LIMITS } from './limits.js';
import { validateWriteRequest } from './validate.js';

const utf8 = new TextEncoder();

/** A length-delimited field (lengths < 128). */
function ld(tag: number, body: number[]): number[] {
  if (body.length > 127) throw new Error('test helper: body too long');
  return [tag, body.length, ...body];
}
const label = (name: string, value: string) =>
  ld(0x0a, [...ld(0x0a, [...utf8.encode(name)]), ...ld(0x12, [...utf8.encode(value)])]);
const sample = (t: number, v: number) => {
  const d = new Uint8Array(new Float64Array([v]).buffer);
  return ld(0x12, [0x09, ...d, 0x10, t]);
};
const request = (...series: number[][]) => new Uint8Array(series.flatMap((s) => ld(0x0a, s)));

function encode(labels: Record<string, string>, t: number, v: number): Uint8Array {
  return encodeWriteRequestV1({
    timeseries: [{ labels: labelsFrom(labels), samples: { timestamps: [t], values: [v] } }],
  });
}

describe('label sets across requests', () => {
  it('gives a series sent again the same labels array, and its new samples', () => {
    const d = new WriteRequestV1Decoder();
    const a = d.decode(encode({ __name__: 'up', job: 'x' }, 1000, 1)).timeseries[0]!;
    const b = d.decode(encode({ __name__: 'up', job: 'x' }, 2000, 2)).timeseries[0]!;
    const c = d.decode(encode({ __name__: 'up', job: 'y' }, 2000, 3)).timeseries[0]!;
    expect(b.labels).toBe(a.labels);
    expect(Array.from(b.samples.values)).toEqual([2]);
    expect(c.labels).not.toBe(a.labels);
    expect(c.labels).toEqual(labelsFrom({ __name__: 'up', job: 'y' }));
  });

  it('never shares label sets that are unsorted on the wire', () => {
    const d = new WriteRequestV1Decoder();
    const unsorted = request([...label('job', 'x'), ...label('__name__', 'up'), ...sample(5, 1)]);
    const [u1, u2] = [d.decode(unsorted).timeseries[0]!, d.decode(unsorted).timeseries[0]!];
    expect(u2.labels).not.toBe(u1.labels);
    expect(u2.labelsUnsorted).toBe(true);
    expect(u2.labels.map((l) => l.name)).toEqual(['__name__', 'job']);
  });

  it('shares non-ASCII label sets too, exactly as decoded', () => {
    const d = new WriteRequestV1Decoder();
    for (const value of ['é', 'Ã©', '日本']) {
      const body = encode({ __name__: 'up', v: value }, 1, 1);
      const [x, y] = [d.decode(body).timeseries[0]!, d.decode(body).timeseries[0]!];
      expect(y.labels).toBe(x.labels);
      expect(y.labels[1]!.value).toBe(value);
    }
  });

  it('decodes labels that follow the samples together with the leading ones', () => {
    const d = new WriteRequestV1Decoder();
    d.decode(request([...label('__name__', 'up'), ...sample(5, 1)]));
    const split = request([...label('__name__', 'up'), ...sample(6, 2), ...label('a', 'b')]);
    const got = d.decode(split).timeseries[0]!;
    expect(got.labels).toEqual(labelsFrom({ __name__: 'up', a: 'b' }));
    expect(Array.from(got.samples.timestamps)).toEqual([6]);
    // Such a label set is not what its leading run encodes: never cached under those bytes.
    const again = d.decode(split).timeseries[0]!;
    expect(again.labels).not.toBe(got.labels);
    expect(again.labels).toEqual(got.labels);
    expect(d.decode(request([...label('__name__', 'up'), ...sample(7, 3)])).timeseries[0]!.labels).toEqual(
      labelsFrom({ __name__: 'up' }),
    );
  });

  it('checks a shared label set again under other limits', () => {
    const d = new WriteRequestV1Decoder();
    const body = encode({ __name__: 'up', a: '1', b: '2' }, Date.now(), 1);
    const first = d.decode(body);
    expect(validateWriteRequest(first, DEFAULT_VALIDATION_LIMITS, Date.now()).rejections).toEqual([]);
    const again = d.decode(body);
    expect(again.timeseries[0]!.labels).toBe(first.timeseries[0]!.labels);
    const strict = { ...DEFAULT_VALIDATION_LIMITS, maxLabelNamesPerSeries: 2 };
    const r = validateWriteRequest(again, strict, Date.now());
    expect(r.rejections.map((x) => x.reason)).toEqual(['max_label_names_per_series']);
  });
});

describe('LabelsCache', () => {
  const bytesOf = (labels: Record<string, string>) =>
    new Uint8Array(Object.entries(labels).flatMap(([n, v]) => label(n, v)));
  const put = (
    c: LabelsCache,
    buf: Uint8Array,
    labels: Labels,
    hash = hashBytes(new DataView(buf.buffer), buf, 0, buf.length),
  ) => {
    c.add(buf, 0, buf.length, hash, labels);
    return hash;
  };

  it('finds the run of label fields and ignores what follows', () => {
    const buf = new Uint8Array([...label('a', 'b'), ...label('c', 'd'), ...sample(1, 1)]);
    expect(labelRunEnd(buf, 0, buf.length)).toBe(label('a', 'b').length * 2);
    expect(labelRunEnd(new Uint8Array([0x0a, 9, 1]), 0, 3)).toBe(-1);
  });

  it('trusts no hash: other bytes under the same hash are a miss', () => {
    const c = new LabelsCache();
    const a = bytesOf({ a: 'b' });
    const h = put(c, a, labelsFrom({ a: 'b' }));
    const other = bytesOf({ a: 'c' });
    expect(c.get(new DataView(other.buffer), other, 0, other.length, h)).toBeUndefined();
    expect(c.get(new DataView(a.buffer), a, 0, a.length, h)).toEqual(labelsFrom({ a: 'b' }));
  });

  it('keeps two generations and moves hits from the old one to the young one', () => {
    const c = new LabelsCache(2);
    const sets = ['1', '2', '3', '4'].map((v) => ({ buf: bytesOf({ a: v }), labels: labelsFrom({ a: v }) }));
    const hashes = sets.slice(0, 3).map((s) => put(c, s.buf, s.labels));
    // young {3}, old {1, 2}
    expect(c.get(new DataView(sets[0]!.buf.buffer), sets[0]!.buf, 0, sets[0]!.buf.length, hashes[0]!)).toBe(
      sets[0]!.labels,
    );
    // young {3, 1}, old {2}; the next insert rotates: young {4}, old {3, 1}; 2 is gone
    put(c, sets[3]!.buf, sets[3]!.labels);
    expect(
      c.get(new DataView(sets[1]!.buf.buffer), sets[1]!.buf, 0, sets[1]!.buf.length, hashes[1]!),
    ).toBeUndefined();
    expect(c.get(new DataView(sets[0]!.buf.buffer), sets[0]!.buf, 0, sets[0]!.buf.length, hashes[0]!)).toBe(
      sets[0]!.labels,
    );
    expect(c.size).toBeLessThanOrEqual(4);
  });

  /** Looks `v`'s label set up and adds it on a miss, as the decoder does; true on a hit. */
  const send = (c: LabelsCache, v: string) => {
    const buf = bytesOf({ a: v });
    const view = new DataView(buf.buffer);
    const h = hashBytes(view, buf, 0, buf.length);
    if (c.get(view, buf, 0, buf.length, h) !== undefined) return true;
    c.add(buf, 0, buf.length, h, labelsFrom({ a: v }));
    return false;
  };

  it('grows while more series are active than it holds, up to its ceiling', () => {
    const c = new LabelsCache(2, 8);
    const ids = Array.from({ length: 12 }, (_, i) => String(i));
    for (const v of ids) send(c, v);
    // Every lookup missed, but on series never seen: nothing says a bigger cache would help.
    expect(c.capacity).toBe(2);
    for (const v of ids) send(c, v);
    // The same series missed again: it doubled at each fill instead of dropping entries, up to 8.
    expect(c.capacity).toBe(8);
    // 12 series in two generations of 8: after the first pass every one is found again.
    let hits = 0;
    for (let round = 0; round < 3; round++) for (const v of ids) if (send(c, v)) hits++;
    expect(hits).toBeGreaterThanOrEqual(2 * ids.length);
    expect(c.capacity).toBe(8);
  });

  it('does not grow for a stream that fits, nor for slow churn that mostly hits', () => {
    const fits = new LabelsCache(4, 64);
    for (let round = 0; round < 20; round++) for (const v of ['x', 'y', 'z']) send(fits, v);
    expect(fits.capacity).toBe(4);
    const churn = new LabelsCache(4, 64);
    // Each step: three recent series again (hits), then one new one.
    for (let i = 0; i < 4; i++) send(churn, String(i));
    for (let i = 4; i < 200; i++) {
      for (const back of [1, 2, 3]) send(churn, String(i - back));
      send(churn, String(i));
    }
    // Misses are new series only, and rotations find the recent ones: it never grew.
    expect(churn.capacity).toBe(4);
    expect(churn.size).toBeLessThanOrEqual(8);
  });

  it('does not grow for a sender that only ever sends new series', () => {
    const c = new LabelsCache(4, 1024);
    for (let i = 0; i < 5000; i++) send(c, `new-${i}`);
    expect(c.capacity).toBe(4);
    expect(c.size).toBeLessThanOrEqual(8);
  });
});
