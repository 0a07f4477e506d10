import { describe, expect, it } from 'vitest';
import { compareAnswers, median } from './queries.js';
import { computeFigures, precisionNotes, renderTable, type ServerMeasure } from './report.js';

function server(kind: 'epimetheus' | 'prometheus', cpu: number[], peakRss: number): ServerMeasure {
  return {
    kind,
    version: 'x',
    startSeconds: 1,
    rssAtReadyBytes: 50 * 2 ** 20,
    idleCpuShare: 0,
    ingestPhase: { cpuSeconds: cpu.reduce((a, c) => a + c, 0), wallSeconds: 10 },
    peakRssAfterIngestBytes: peakRss,
    peakRssAfterQueriesBytes: peakRss,
    rounds: cpu.map((c, i) => ({
      round: i + 1,
      timestampMs: i * 15000,
      cpuSeconds: c,
      sendSeconds: 1,
      bytes: 1,
      settled: true,
    })),
  };
}

describe('computeFigures', () => {
  const figures = computeFigures(
    1000,
    [server('epimetheus', [1, 0.5, 0.5], 2e8), server('prometheus', [0.5, 0.25, 0.25], 1e8)],
    [
      {
        name: 'q',
        expr: 'up',
        seconds: { epimetheus: [0.03, 0.01, 0.02], prometheus: [0.04] },
        cpuSeconds: { epimetheus: [0.01, 0.02, 0.03], prometheus: [0.05] },
        errors: {},
      },
      {
        name: 'bad',
        expr: 'up',
        seconds: { prometheus: [0.04] },
        cpuSeconds: { prometheus: [0.01] },
        errors: { epimetheus: 'HTTP 422' },
      },
    ],
  );
  const byName = (prefix: string) => figures.find((f) => f.figure.startsWith(prefix))!;

  it.each([
    [
      'creation: 1000 samples over 1 vs 0.5 CPU-s',
      'ingest: samples per CPU-second, series creation',
      1000,
      2000,
      0.5,
      null,
    ],
    [
      'steady: 2000 samples over 1 vs 0.5 CPU-s, higher is better',
      'ingest: samples per CPU-second, steady',
      2000,
      4000,
      0.5,
      false,
    ],
    ['peak RSS per series, lower is better', 'memory: peak RSS per active series', 2e5, 1e5, 2, false],
    ['query median 20 ms vs 40 ms', 'query q:', 20, 40, 0.5, true],
  ])('%s', (_name, prefix, e, p, ratio, meets) => {
    const f = byName(prefix);
    expect(f.epimetheus).toBeCloseTo(e);
    expect(f.prometheus).toBeCloseTo(p);
    expect(f.ratio).toBeCloseTo(ratio);
    expect(f.meets).toBe(meets);
  });

  it('sums median query CPU per server, n/a for a server with a failed query', () => {
    expect(byName('query set:')).toMatchObject({ epimetheus: null, ratio: null });
    expect(byName('query set:').prometheus).toBeCloseTo(60);
  });

  it('reports idle CPU as a share of one core', () => {
    expect(byName('idle CPU when ready')).toMatchObject({ unit: '% core', epimetheus: 0, prometheus: 0 });
  });

  it('shows a failed query as an error without a ratio', () => {
    expect(byName('query bad:')).toMatchObject({ epimetheus: 'error', ratio: null, meets: null });
  });

  it('keeps rows for figures not measured yet instead of numbers', () => {
    expect(byName('disk: bytes per sample')).toMatchObject({ epimetheus: 'not measured yet', ratio: null });
    expect(byName('restart: seconds')).toMatchObject({ prometheus: 'not measured', ratio: null });
  });

  it('divides restart time and CPU by millions of samples in the WAL', () => {
    const e = { ...server('epimetheus', [1], 1), restart: { seconds: 3, cpuSeconds: 2, walSamples: 2_000_000 } };
    const p = { ...server('prometheus', [1], 1), restart: { seconds: 1, cpuSeconds: 1.5, walSamples: 2_000_000 } };
    const f = computeFigures(1000, [e, p], []);
    const get = (name: string) => f.find((x) => x.figure.startsWith(name));
    expect(get('restart: seconds per million')).toMatchObject({ epimetheus: 1.5, prometheus: 0.5, ratio: 3 });
    expect(get('restart: CPU-seconds per million')).toMatchObject({ epimetheus: 1, prometheus: 0.75 });
  });

  it('renders one table row per figure', () => {
    expect(renderTable(figures).split('\n')).toHaveLength(figures.length + 2);
  });
});

describe('precisionNotes', () => {
  it.each([
    ['a large, fully accounted run', [5, 5], 10, 0, []],
    ['few ticks', [0.05, 0.05], 0.1, 0, [/series creation: only 5 CPU clock ticks/, /steady state: only 5/]],
    [
      'CPU outside the rounds',
      [5, 5],
      14,
      0.01,
      [/4.00 CPU-s fell outside the measured rounds \(idling would explain 0.10\)/],
    ],
    ['idle explains the gap', [5, 5], 10.5, 0.05, []],
  ])('%s', (_name, cpu, phaseCpu, idleShare, want) => {
    const s = {
      ...server('epimetheus', cpu, 1),
      idleCpuShare: idleShare,
      ingestPhase: { cpuSeconds: phaseCpu, wallSeconds: 10 },
    };
    const notes = precisionNotes([s], 0.01);
    expect(notes).toHaveLength(want.length);
    want.forEach((re, i) => expect(notes[i]).toMatch(re));
  });
});

describe('compareAnswers', () => {
  const answer = (values: Array<[number, string]>, job = 'a'): string =>
    JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { job }, values }] },
    });

  it.each([
    ['identical', answer([[1, '1']]), answer([[1, '1']]), true, /same \(1 series, 1 points\)/],
    ['within 1e-9', answer([[1, '1']]), answer([[1, '1.0000000000001']]), true, /same/],
    ['NaN equals NaN', answer([[1, 'NaN']]), answer([[1, 'NaN']]), true, /same/],
    [
      'value differs',
      answer([[1, '1']]),
      answer([[1, '2']]),
      false,
      /1 of 1 points differ, all within 0.0 s of the first point.*E 1, P 2/,
    ],
    [
      'differences located from the first point',
      answer([
        [1, '1'],
        [3, '1'],
        [5, '1'],
      ]),
      answer([
        [1, '2'],
        [3, '2'],
        [5, '1'],
      ]),
      false,
      /2 of 3 points differ, all within 2.0 s of the first point/,
    ],
    [
      'point count differs',
      answer([[1, '1']]),
      answer([
        [1, '1'],
        [2, '1'],
      ]),
      false,
      /E 1 series\/1 points, P 1\/2/,
    ],
    ['series differs', answer([[1, '1']]), answer([[1, '1']], 'b'), false, /only in E/],
  ])('%s', (_name, a, b, same, detail) => {
    const c = compareAnswers(a, b, ['E', 'P']);
    expect(c.same).toBe(same);
    expect(c.detail).toMatch(detail);
  });

  it('throws on an error answer', () => {
    expect(() => compareAnswers('{"status":"error"}', answer([]))).toThrow(/not a successful matrix/);
  });
});

describe('median', () => {
  it.each([
    ['odd', [3, 1, 2], 2],
    ['even', [4, 1, 3, 2], 2.5],
    ['one', [7], 7],
  ])('%s', (_n, xs, want) => expect(median(xs)).toBe(want));
});
