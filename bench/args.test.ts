import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './args.js';

const root = '/repo';

describe('parseOptions', () => {
  it.each([
    [
      'defaults',
      [],
      {
        series: 10_000,
        rounds: 10,
        queryRuns: 5,
        sizeLabel: '10000x10',
        servers: ['epimetheus', 'prometheus'],
      },
    ],
    ['tiny', ['--tiny'], { series: 2000, rounds: 3, queryRuns: 1, sizeLabel: 'tiny' }],
    [
      'space-separated values',
      ['--series', '100000', '--rounds', '4'],
      { series: 100_000, rounds: 4, sizeLabel: '100000x4' },
    ],
    [
      '= values',
      ['--series=500', '--concurrency=8', '--interval=30'],
      { series: 500, concurrency: 8, intervalMs: 30_000 },
    ],
    ['only one server', ['--only', 'prometheus'], { servers: ['prometheus'] }],
    ['restart by default', [], { restart: true }],
    ['no restart', ['--no-restart'], { restart: false }],
    [
      'paths resolve against the repository',
      ['--out', 'x'],
      { outDir: '/repo/x', epimetheusMain: '/repo/dist/services/app/main.js' },
    ],
  ])('%s', (_name, argv, want) => {
    expect(parseOptions(argv, root)).toMatchObject(want);
  });

  it.each([
    ['unknown option', ['--serie', '5'], /serie/],
    ['not a number', ['--series', 'many'], /--series must be an integer/],
    ['zero series', ['--series', '0'], /--series/],
    ['tiny with a size', ['--tiny', '--series', '5'], /--tiny fixes the size/],
    [
      'rounds beyond an hour of simulated time',
      ['--rounds', '241'],
      /--rounds must be an integer in \[1, 240\]/,
    ],
    ['unknown server', ['--only', 'mimir'], /--only must be/],
  ])('rejects %s', (_name, argv, msg) => {
    expect(() => parseOptions(argv, root)).toThrow(UsageError);
    expect(() => parseOptions(argv, root)).toThrow(msg);
  });

  it('returns undefined for --help', () => {
    expect(parseOptions(['--help'], root)).toBeUndefined();
  });
});
