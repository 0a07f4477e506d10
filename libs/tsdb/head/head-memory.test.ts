import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { labelsFrom, type Labels } from '../../model/index.js';
import { Head } from './index.js';

// A real collection between measurements; without it heapUsed mostly measures garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function used(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function makeLabels(n: number): Labels[] {
  const out: Labels[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      labelsFrom({
        __name__: `metric_${i % 50}`,
        job: `job-${i % 5}`,
        instance: `10.0.${(i >> 8) & 255}.${i & 255}:9100`,
        cluster: 'eu-west-1',
        namespace: `ns-${i % 20}`,
        pod: `pod-${i % 1000}-abcde`,
        container: 'app',
        le: String(i % 11),
        env: 'prod',
        team: `team-${i % 7}`,
      }),
    );
  }
  return out;
}

describe('head memory', () => {
  it('holds 10k series x 240 samples in well under 16 bytes a sample', () => {
    const SERIES = 10_000;
    const SAMPLES = 240; // two chunks: one closed, one open
    const before = used();
    const head = new Head();
    // Labels are built after the first measurement so the strings the head keeps are counted.
    const refs = makeLabels(SERIES).map((l) => head.getOrCreateSeries(l).ref);
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % 7_200_000);
    for (let k = 0; k < SAMPLES; k++) {
      const t = t0 + k * 15_000;
      for (let i = 0; i < SERIES; i++) head.append(refs[i]!, t, k * (i % 13) + (i & 1 ? 0.5 : 0));
    }
    const after = used();
    const perSample = (after - before) / (SERIES * SAMPLES);
    const estimate = head.bytesEstimate() / (SERIES * SAMPLES);
    console.log(`head memory: ${perSample.toFixed(2)} B/sample measured, ${estimate.toFixed(2)} estimated`);
    expect(head.numSamples).toBe(SERIES * SAMPLES);
    expect(perSample).toBeLessThan(16);
    // The estimate should be in the right ballpark of what was measured.
    expect(estimate).toBeGreaterThan(perSample / 3);
    expect(estimate).toBeLessThan(perSample * 3);
  });
});
