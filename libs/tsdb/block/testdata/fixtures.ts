/** Expected contents of the versioned block fixtures in `fixtures/` (see fixtures/README.md). */
import { labelsFrom, type Labels } from '../../../model/index.js';
import { encodeXorChunk, EncXOR } from '../../chunkenc/index.js';
import type { BlockSeries, BlockWriterOptions } from '../block-writer.js';

/** The samples of testdata/fixtures/prometheus-2.42.om. */
export const FIXTURE_SAMPLES: { labels: Labels; samples: [number, number][] }[] = [
  {
    labels: labelsFrom({ __name__: 'fixture_requests_total', code: '200', job: 'api' }),
    samples: [
      [1700000000000, 1],
      [1700000015000, 5],
      [1700000030000, 9],
      [1700000045500, 2],
    ],
  },
  {
    labels: labelsFrom({ __name__: 'fixture_requests_total', code: '500', job: 'api' }),
    samples: [
      [1700000000000, 0],
      [1700000030000, 1],
    ],
  },
  {
    labels: labelsFrom({ __name__: 'fixture_temperature', room: 'kitchen', unit: '°C' }),
    samples: [
      [1700000000000, 21.5],
      [1700000015000, -3.25],
      [1700000030000, Infinity],
      [1700007300000, 1e-10],
    ],
  },
];

/** The two 2h blocks of `fixtures/epimetheus-1`: ULID and range. */
export const EPIMETHEUS_1_BLOCKS = [
  { ulid: '01M80KQ0000000000000000001', minTime: 1699999200000, maxTime: 1700006400000 },
  { ulid: '01M80KQ0000000000000000002', minTime: 1700006400000, maxTime: 1700013600000 },
] as const;

/** The writer input and options that produced one block of `fixtures/epimetheus-1`. */
export function epimetheus1Input(block: (typeof EPIMETHEUS_1_BLOCKS)[number]): {
  series: BlockSeries[];
  options: BlockWriterOptions;
} {
  const series = FIXTURE_SAMPLES.map((s) => {
    const xs = s.samples.filter(([t]) => t >= block.minTime && t < block.maxTime);
    const ts = xs.map((x) => x[0]);
    const vs = xs.map((x) => x[1]);
    const chunks =
      xs.length === 0
        ? []
        : [{ minTime: ts[0]!, maxTime: ts[ts.length - 1]!, encoding: EncXOR, data: encodeXorChunk(ts, vs) }];
    return { labels: s.labels, chunks };
  });
  const options: BlockWriterOptions = {
    ulid: block.ulid,
    minTime: block.minTime,
    maxTime: block.maxTime,
    epimetheus: { tenant: 'fixture', source: 'test', resolution: 0, externalLabels: { replica: 'a' } },
  };
  return { series, options };
}
