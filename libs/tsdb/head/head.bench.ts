/**
 * Head ingestion benchmarks: `npx vitest bench --run libs/tsdb/head`. The bare encoder is the
 * in-process reference; the head's overhead over it is the figure to watch.
 */
import { bench, describe } from 'vitest';
import { labelsFrom, type Labels } from '../../model/index.js';
import { XorChunkEncoder } from '../chunkenc/index.js';
import { Head } from './index.js';

const SERIES = 2000;
const SCRAPE_MS = 15_000;

function makeLabels(n: number): Labels[] {
  const out: Labels[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      labelsFrom({
        __name__: `metric_${i % 50}`,
        job: `job-${i % 5}`,
        instance: `10.0.${(i >> 8) & 255}.${i & 255}:9100`,
        namespace: `ns-${i % 20}`,
        pod: `pod-${i % 1000}-abcde`,
        le: String(i % 11),
      }),
    );
  }
  return out;
}

const labels = makeLabels(SERIES);

describe('append one scrape of 2000 series (steady state)', () => {
  const encoders = labels.map(() => new XorChunkEncoder(256));
  let encT = 0;
  bench('reference: bare XorChunkEncoder.append', () => {
    encT += SCRAPE_MS;
    if (encoders[0]!.numSamples >= 120) for (const e of encoders) e.reset();
    for (let i = 0; i < SERIES; i++) encoders[i]!.append(encT, encT * (i % 7));
  });

  const head = new Head();
  const refs = labels.map((l) => head.getOrCreateSeries(l).ref);
  let headT = 0;
  bench('Head.append with cached refs', () => {
    headT += SCRAPE_MS;
    for (let i = 0; i < SERIES; i++) head.append(refs[i]!, headT, headT * (i % 7));
  });

  const head2 = new Head();
  let head2T = 0;
  bench('Head.getOrCreateSeries + append (no ref cache)', () => {
    head2T += SCRAPE_MS;
    for (let i = 0; i < SERIES; i++) head2.append(head2.getOrCreateSeries(labels[i]!).ref, head2T, i);
  });
});
