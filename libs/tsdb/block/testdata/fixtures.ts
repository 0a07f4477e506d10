/** Expected contents of the versioned block fixtures in `fixtures/` (see fixtures/README.md). */
import { labelsFrom, type Labels } from '../../../model/index.js';

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
