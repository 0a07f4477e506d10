/**
 * Turns the raw measurements of a run into figures (Epimetheus, Prometheus, their ratio, the
 * target) and renders them as one table.
 */
import type { ServerKind } from './servers.js';
import { median } from './queries.js';

/** What one round cost one server. */
export interface RoundMeasure {
  round: number;
  timestampMs: number;
  /** Server CPU seconds (user + system) from the first request until the server went quiet. */
  cpuSeconds: number;
  /** Wall seconds from the first request to the last answer. */
  sendSeconds: number;
  /** Compressed request bytes. */
  bytes: number;
  /** False when the server was still busy when the settle wait gave up. */
  settled: boolean;
}

/** Everything measured on one server. */
export interface ServerMeasure {
  kind: ServerKind;
  version: string;
  startSeconds: number;
  rssAtReadyBytes: number;
  /** CPU used while idle after start-up, as a share of one core (0.01 = 1%). */
  idleCpuShare: number;
  /** CPU and wall seconds from before round 1 to after the last round, windows and gaps alike. */
  ingestPhase: { cpuSeconds: number; wallSeconds: number };
  peakRssAfterIngestBytes: number;
  peakRssAfterQueriesBytes: number;
  rounds: RoundMeasure[];
  /** Series the server reported holding after the last round. */
  seriesSeen?: number;
  /** The restart after a SIGKILL at the end of the run; absent when it was not done. */
  restart?: RestartMeasure;
}

/** A restart on the same data after the server was killed with SIGKILL. */
export interface RestartMeasure {
  /** Seconds from spawn to a 200 from the readiness endpoint. */
  seconds: number;
  /** CPU seconds the restarted server used until ready. */
  cpuSeconds: number;
  /** Samples its WAL (Prometheus) or ingest log (Epimetheus) held: every sample written. */
  walSamples: number;
  /** Series it answered with after the restart (must be all of them). */
  seriesSeen?: number;
}

/** Timings of one query on each server. */
export interface QueryMeasure {
  name: string;
  expr: string;
  /** Wall seconds of each successful run, request to last byte. */
  seconds: Partial<Record<ServerKind, number[]>>;
  /** Server CPU seconds of each successful run (less disturbed by a busy machine than wall time). */
  cpuSeconds: Partial<Record<ServerKind, number[]>>;
  errors: Partial<Record<ServerKind, string>>;
  /** How the two answers compare ("same (…)" or the first difference); absent with one server. */
  comparison?: string;
}

/** One row of the result table. */
export interface Figure {
  figure: string;
  unit: string;
  epimetheus: number | string | null;
  prometheus: number | string | null;
  /** Epimetheus / Prometheus, when both are numbers. */
  ratio: number | null;
  /** The goal for the ratio, e.g. ">= 1.0x at 100k series"; "" for context-only rows. */
  target: string;
  /** Whether the ratio meets the target; null when there is no target or no ratio. */
  meets: boolean | null;
}

type Better = 'higher' | 'lower';

function row(
  figure: string,
  unit: string,
  m: Partial<Record<ServerKind, number | string | null>>,
  target?: { better: Better; text: string },
): Figure {
  const e = m.epimetheus ?? null;
  const p = m.prometheus ?? null;
  const ratio = typeof e === 'number' && typeof p === 'number' && p !== 0 ? e / p : null;
  let meets: boolean | null = null;
  if (target !== undefined && ratio !== null) meets = target.better === 'higher' ? ratio >= 1 : ratio <= 1;
  return { figure, unit, epimetheus: e, prometheus: p, ratio, target: target?.text ?? '', meets };
}

function perServer<T>(
  servers: readonly ServerMeasure[],
  f: (s: ServerMeasure) => T,
): Partial<Record<ServerKind, T>> {
  const out: Partial<Record<ServerKind, T>> = {};
  for (const s of servers) out[s.kind] = f(s);
  return out;
}

function samplesPerCpu(rounds: readonly RoundMeasure[], series: number): number | null {
  const cpu = rounds.reduce((a, r) => a + r.cpuSeconds, 0);
  return rounds.length === 0 || cpu <= 0 ? null : (rounds.length * series) / cpu;
}

/** Computes the result table from the measurements of a run of `series` series. */
export function computeFigures(
  series: number,
  servers: readonly ServerMeasure[],
  queries: readonly QueryMeasure[],
): Figure[] {
  const steadyTarget = { better: 'higher' as const, text: '>= 1.0x (at 100k series)' };
  const out: Figure[] = [
    row(
      'ingest: samples per CPU-second, series creation (round 1)',
      'samples/s',
      perServer(servers, (s) => samplesPerCpu(s.rounds.slice(0, 1), series)),
    ),
    row(
      'ingest: samples per CPU-second, steady state (rounds 2..)',
      'samples/s',
      perServer(servers, (s) => samplesPerCpu(s.rounds.slice(1), series)),
      steadyTarget,
    ),
    row(
      'ingest: wall throughput, steady state (context)',
      'samples/s',
      perServer(servers, (s) => {
        const secs = s.rounds.slice(1).reduce((a, r) => a + r.sendSeconds, 0);
        return secs > 0 ? ((s.rounds.length - 1) * series) / secs : null;
      }),
    ),
    row(
      'memory: peak RSS per active series',
      'bytes',
      perServer(servers, (s) => s.peakRssAfterIngestBytes / series),
      { better: 'lower', text: '<= 1.0x' },
    ),
    row(
      'memory: peak RSS growth per series over idle (context)',
      'bytes',
      perServer(servers, (s) => (s.peakRssAfterIngestBytes - s.rssAtReadyBytes) / series),
    ),
    row(
      'memory: RSS when ready, before any data (context)',
      'MiB',
      perServer(servers, (s) => s.rssAtReadyBytes / 2 ** 20),
    ),
    row(
      'idle CPU when ready (context)',
      '% core',
      perServer(servers, (s) => s.idleCpuShare * 100),
    ),
    row(
      'start-up: spawn to ready (context)',
      's',
      perServer(servers, (s) => s.startSeconds),
    ),
  ];
  for (const q of queries) {
    const m: Partial<Record<ServerKind, number | string | null>> = {};
    for (const s of servers) {
      const err = q.errors[s.kind];
      const secs = q.seconds[s.kind] ?? [];
      m[s.kind] = err !== undefined ? `error` : secs.length > 0 ? median(secs) * 1000 : null;
    }
    out.push(row(`query ${q.name}: median latency`, 'ms', m, { better: 'lower', text: '<= 1.0x' }));
  }
  out.push(
    row(
      'query set: server CPU per run, sum of medians (context)',
      'ms',
      perServer(servers, (s) => {
        if (queries.some((q) => q.errors[s.kind] !== undefined || (q.cpuSeconds[s.kind] ?? []).length === 0))
          return null;
        return queries.reduce((a, q) => a + median(q.cpuSeconds[s.kind]!), 0) * 1000;
      }),
    ),
  );
  const later = perServer(servers, () => 'not measured yet');
  out.push(row('disk: bytes per sample in blocks', 'bytes', later, { better: 'lower', text: '<= 1.0x' }));
  const perMillion = (f: (r: RestartMeasure) => number) =>
    perServer(servers, (s) => (s.restart === undefined ? 'not measured' : f(s.restart) / (s.restart.walSamples / 1e6)));
  out.push(row('restart: seconds per million WAL samples', 's', perMillion((r) => r.seconds)));
  out.push(row('restart: CPU-seconds per million WAL samples (context)', 's', perMillion((r) => r.cpuSeconds)));
  return out;
}

function fmt(v: number | string | null, unit: string): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  if (unit === 'ms' || unit === 's' || unit === 'MiB' || unit === '% core')
    return v < 10 ? v.toFixed(2) : v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}

/** Renders figures as a Markdown table (also readable in a terminal). */
export function renderTable(figures: readonly Figure[]): string {
  const head = ['figure', 'unit', 'Epimetheus', 'Prometheus', 'E/P', 'target', 'meets'];
  const rows = figures.map((f) => [
    f.figure,
    f.unit,
    fmt(f.epimetheus, f.unit),
    fmt(f.prometheus, f.unit),
    f.ratio === null ? '' : `${f.ratio.toFixed(2)}x`,
    f.target,
    f.meets === null ? '' : f.meets ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Warnings for CPU figures that rest on few clock ticks (each round's reading is off by up to a
 * tick either way), so a small run is not read as a firm result.
 */
export function precisionNotes(servers: readonly ServerMeasure[], tickSeconds: number): string[] {
  const notes: string[] = [];
  for (const s of servers) {
    const phases: Array<[string, RoundMeasure[]]> = [
      ['series creation', s.rounds.slice(0, 1)],
      ['steady state', s.rounds.slice(1)],
    ];
    for (const [phase, rounds] of phases) {
      if (rounds.length === 0) continue;
      const ticks = Math.round(rounds.reduce((a, r) => a + r.cpuSeconds, 0) / tickSeconds);
      if (ticks < 100) {
        const err = ((2 * rounds.length) / Math.max(1, ticks)) * 100;
        notes.push(`${s.kind} ${phase}: only ${ticks} CPU clock ticks measured (up to ±${err.toFixed(0)}%)`);
      }
    }
    const inRounds = s.rounds.reduce((a, r) => a + r.cpuSeconds, 0);
    const outside = s.ingestPhase.cpuSeconds - inRounds;
    const idle = s.idleCpuShare * s.ingestPhase.wallSeconds;
    if (outside > 0.1 * inRounds && outside > 1.5 * idle + 5 * tickSeconds) {
      notes.push(
        `${s.kind}: ${outside.toFixed(2)} CPU-s fell outside the measured rounds (idling would explain ` +
          `${idle.toFixed(2)}); the per-round figures undercount`,
      );
    }
    const unsettled = s.rounds.filter((r) => !r.settled).map((r) => r.round);
    if (unsettled.length > 0)
      notes.push(`${s.kind}: still busy when the wait gave up after rounds ${unsettled.join(', ')}`);
  }
  return notes;
}
