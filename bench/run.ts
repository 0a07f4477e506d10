/**
 * `npm run bench`: starts Epimetheus and the reference Prometheus side by side, writes the same
 * synthetic fleet into both over remote write, runs the same range queries on both, and prints
 * one table of figures with Epimetheus/Prometheus ratios. The raw measurements go to
 * `bench/results/<date>-<size>.json`. See bench/README.md for what each figure means.
 *
 * Exit status: 0 when the run completed (whatever the ratios), 1 when a server failed to start,
 * died, rejected a write or lost series, 2 for a bad command line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, UsageError, USAGE, type BenchOptions } from './args.js';
import { Cleanup } from './cleanup.js';
import { Fleet, METRICS } from './fleet.js';
import { RejectedError, RequestBuilder, sendRound, settle } from './load.js';
import { clockTicks, cpuSeconds, peakRssBytes, processTree, rssBytes } from './procstat.js';
import { compareAnswers, instantScalar, QUERIES, timeQuery, type QueryRange } from './queries.js';
import {
  computeFigures,
  precisionNotes,
  renderTable,
  type QueryMeasure,
  type ServerMeasure,
} from './report.js';
import { ServerError, startServer, type Server } from './servers.js';
import { setTimeout as sleep } from 'node:timers/promises';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function say(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

function tryRun(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function machineInfo(opts: BenchOptions): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemBytes: totalmem(),
    loadAverageAtStart: loadavg(),
    node: process.version,
    prometheus: tryRun(opts.prometheusBin, ['--version']).split('\n')[0],
    gitCommit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    gitDirty: tryRun('git', ['status', '--porcelain', '--', 'libs', 'services']) !== '',
    // dist/ is built from the working tree, which may differ from HEAD: say when.
    epimetheusBuiltAt: builtAt(opts.epimetheusMain),
  };
}

function builtAt(path: string): string | null {
  try {
    return statSync(path).mtime.toISOString();
  } catch {
    return null;
  }
}

interface Ctx {
  opts: BenchOptions;
  servers: Server[];
  measures: Map<Server, ServerMeasure>;
  tree: (s: Server) => number[];
  cleanup: Cleanup;
  /** The run's temp dir: `<tmp>/<kind>` holds each server's data and logs. */
  tmp: string;
}

async function startAll(opts: BenchOptions, cleanup: Cleanup, tmp: string): Promise<Ctx> {
  const servers: Server[] = [];
  const measures = new Map<Server, ServerMeasure>();
  const paths = { epimetheusMain: opts.epimetheusMain, prometheusBin: opts.prometheusBin };
  for (const kind of opts.servers) {
    const dir = join(tmp, kind);
    say(`starting ${kind}`);
    const s = await startServer(kind, dir, paths, (c) => cleanup.track(c));
    servers.push(s);
    measures.set(s, {
      kind,
      version:
        kind === 'prometheus'
          ? tryRun(opts.prometheusBin, ['--version']).split('\n')[0]!
          : tryRun('git', ['rev-parse', '--short', 'HEAD']),
      startSeconds: s.startSeconds,
      rssAtReadyBytes: 0,
      idleCpuShare: 0,
      ingestPhase: { cpuSeconds: 0, wallSeconds: 0 },
      peakRssAfterIngestBytes: 0,
      peakRssAfterQueriesBytes: 0,
      rounds: [],
    });
  }
  const tree = (s: Server): number[] => {
    if (s.exited() !== undefined)
      throw new ServerError(`${s.kind} exited (${JSON.stringify(s.exited())}); see ${s.logFile}`);
    return processTree(s.pid);
  };
  for (const s of servers) {
    const m = measures.get(s)!;
    await settle(() => tree(s), 500, 0.05, 20_000);
    m.rssAtReadyBytes = rssBytes(tree(s));
    // Background work of an idle server (timers, GC) sets how quiet "settled" can get.
    const c0 = cpuSeconds(tree(s));
    await sleep(2000);
    m.idleCpuShare = (cpuSeconds(tree(s)) - c0) / 2;
  }
  return { opts, servers, measures, tree, cleanup, tmp };
}

async function ingest(ctx: Ctx, fleet: Fleet, firstTs: number): Promise<void> {
  const { opts } = ctx;
  let t0 = performance.now();
  const builder = new RequestBuilder(fleet, opts.batch);
  let buildSeconds = (performance.now() - t0) / 1000;
  // CPU over the whole phase, to catch work that falls between the measured windows.
  const phaseStart = new Map(
    ctx.servers.map((s) => [s, { cpu: cpuSeconds(ctx.tree(s)), wall: performance.now() }]),
  );
  for (let r = 0; r < opts.rounds; r++) {
    const ts = firstTs + r * opts.intervalMs;
    t0 = performance.now();
    const bodies = builder.nextRound(ts);
    buildSeconds += (performance.now() - t0) / 1000;
    // Alternate which server goes first so neither always meets a warmer or cooler machine.
    const order = r % 2 === 0 ? ctx.servers : [...ctx.servers].reverse();
    const parts: string[] = [];
    for (const s of order) {
      const cpu0 = cpuSeconds(ctx.tree(s));
      const sent = await sendRound(s.pushUrl, bodies, opts.concurrency).catch((err: unknown) => {
        const msg = err instanceof Error ? err.message : String(err);
        throw new RejectedError(`${s.kind}, round ${r + 1}: ${msg}; see ${s.logFile}`, { cause: err });
      });
      const quiet = Math.max(0.05, 2 * ctx.measures.get(s)!.idleCpuShare + 0.02);
      const settled = await settle(() => ctx.tree(s), 500, quiet);
      const cpu = cpuSeconds(ctx.tree(s)) - cpu0;
      ctx.measures.get(s)!.rounds.push({
        round: r + 1,
        timestampMs: ts,
        cpuSeconds: cpu,
        sendSeconds: sent.seconds,
        bytes: sent.bytes,
        settled,
      });
      parts.push(
        `${s.kind} ${cpu.toFixed(2)} CPU-s, ${sent.seconds.toFixed(2)} s${settled ? '' : ' (not settled)'}`,
      );
    }
    say(`round ${r + 1}/${opts.rounds}: ${bodies.length} requests; ${parts.join('; ')}`);
  }
  say(`generator: ${buildSeconds.toFixed(2)} s encoding all rounds (outside the timed part)`);
  for (const s of ctx.servers) {
    const m = ctx.measures.get(s)!;
    const start = phaseStart.get(s)!;
    m.ingestPhase = {
      cpuSeconds: cpuSeconds(ctx.tree(s)) - start.cpu,
      wallSeconds: (performance.now() - start.wall) / 1000,
    };
    m.peakRssAfterIngestBytes = peakRssBytes(ctx.tree(s));
  }
}

/**
 * The series `s` answers with at `lastTs`, polled (up to 30 s) until it is all of them: ingestion
 * may trail the acknowledgement. @throws RejectedError when it never is.
 */
async function seriesAnswered(ctx: Ctx, s: Server, lastTs: number, when: string): Promise<number> {
  const expr = `count({__name__=~"${Object.values(METRICS)
    .map((m) => `${m}.*`)
    .join('|')}"})`;
  let seen: number | undefined;
  let lastErr = '';
  for (let i = 0; i < 60 && seen !== ctx.opts.series; i++) {
    if (i > 0) await sleep(500);
    try {
      seen = await instantScalar(s.url, expr, lastTs);
    } catch (err) {
      lastErr = err instanceof Error ? err.message : String(err);
    }
  }
  if (seen !== ctx.opts.series) {
    throw new RejectedError(`${s.kind} holds ${seen ?? 'no'} of ${ctx.opts.series} series ${when} ${lastErr}`);
  }
  return seen;
}

/** Checks that each server answers with every series written; waits for asynchronous ingestion. */
async function checkIngested(ctx: Ctx, lastTs: number): Promise<void> {
  for (const s of ctx.servers) {
    ctx.measures.get(s)!.seriesSeen = await seriesAnswered(ctx, s, lastTs, 'after the last round');
  }
  say(`every server answers with all ${ctx.opts.series} series`);
}

/**
 * Kills each server with SIGKILL (no shutdown, nothing flushed) and starts it again on the same
 * data: the time to ready is WAL (Prometheus) or ingest log (Epimetheus) replay plus start-up.
 * Every series written must be back afterwards: a 2xx promised durability.
 */
async function restartAll(ctx: Ctx, lastTs: number): Promise<void> {
  const paths = { epimetheusMain: ctx.opts.epimetheusMain, prometheusBin: ctx.opts.prometheusBin };
  const walSamples = ctx.opts.series * ctx.opts.rounds;
  for (const [i, old] of ctx.servers.entries()) {
    const m = ctx.measures.get(old)!;
    await old.kill();
    const s = await startServer(old.kind, join(ctx.tmp, old.kind), paths, (c) => ctx.cleanup.track(c), 600_000, 'restart.log');
    const cpuSecondsAtReady = cpuSeconds(ctx.tree(s));
    ctx.servers[i] = s;
    ctx.measures.delete(old);
    ctx.measures.set(s, m);
    m.restart = { seconds: s.startSeconds, cpuSeconds: cpuSecondsAtReady, walSamples };
    m.restart.seriesSeen = await seriesAnswered(ctx, s, lastTs, 'after a SIGKILL and restart');
    say(
      `${s.kind}: killed and restarted on its data in ${s.startSeconds.toFixed(2)} s ` +
        `(${cpuSecondsAtReady.toFixed(2)} CPU-s, ${walSamples} samples to replay); all series back`,
    );
  }
}

async function runQueries(ctx: Ctx, range: QueryRange): Promise<QueryMeasure[]> {
  const out: QueryMeasure[] = QUERIES.map((q) => ({
    name: q.name,
    expr: q.expr,
    seconds: {},
    cpuSeconds: {},
    errors: {},
  }));
  const bodies = out.map(() => new Map<Server, string>());
  for (let run = 0; run < ctx.opts.queryRuns; run++) {
    const order = run % 2 === 0 ? ctx.servers : [...ctx.servers].reverse();
    for (const [i, q] of QUERIES.entries()) {
      for (const s of order) {
        const m = out[i]!;
        const cpu0 = cpuSeconds(ctx.tree(s));
        const res = await timeQuery(s.url, q.expr, range);
        const cpu = cpuSeconds(ctx.tree(s)) - cpu0;
        if (res.error !== undefined) m.errors[s.kind] = res.error;
        else {
          (m.seconds[s.kind] ??= []).push(res.seconds);
          (m.cpuSeconds[s.kind] ??= []).push(cpu);
        }
        if (res.body !== undefined && !bodies[i]!.has(s)) bodies[i]!.set(s, res.body);
      }
    }
  }
  for (const [i, m] of out.entries()) {
    const [a, b] = ctx.servers.map((s) => bodies[i]!.get(s));
    if (ctx.servers.length === 2 && a !== undefined && b !== undefined) {
      try {
        m.comparison = compareAnswers(a, b, [ctx.servers[0]!.kind, ctx.servers[1]!.kind]).detail;
      } catch (err) {
        m.comparison = `not comparable: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    for (const [kind, e] of Object.entries(m.errors)) say(`query ${m.name} on ${kind}: ${e}`);
  }
  for (const s of ctx.servers) ctx.measures.get(s)!.peakRssAfterQueriesBytes = peakRssBytes(ctx.tree(s));
  return out;
}

async function benchmark(opts: BenchOptions, cleanup: Cleanup): Promise<void> {
  const machine = machineInfo(opts);
  const startedAt = new Date();
  const tmp = mkdtempSync(join(tmpdir(), 'epimetheus-bench-'));
  cleanup.trackDir(tmp);
  cleanup.keepDirs = opts.keepData;
  let t0 = performance.now();
  const fleet = new Fleet(opts.series, opts.seed);
  say(`fleet: ${opts.series} series built in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const ctx = await startAll(opts, cleanup, tmp);
  // Rounds end 30 s before now: recent enough for both servers to accept, none in the future.
  const firstTs = Math.floor((Date.now() - 30_000 - (opts.rounds - 1) * opts.intervalMs) / 1000) * 1000;
  const lastTs = firstTs + (opts.rounds - 1) * opts.intervalMs;
  t0 = performance.now();
  await ingest(ctx, fleet, firstTs);
  await checkIngested(ctx, lastTs);
  // Evaluate between sample timestamps so range-boundary conventions (Prometheus 2 closed,
  // Prometheus 3 left-open) do not change answers.
  const half = opts.intervalMs / 2;
  const range = { startMs: firstTs + half, endMs: lastTs + half, stepMs: opts.intervalMs };
  const queries = await runQueries(ctx, range);
  if (opts.restart) await restartAll(ctx, lastTs);
  const measures = ctx.servers.map((s) => ctx.measures.get(s)!);
  const figures = computeFigures(opts.series, measures, queries);
  process.stdout.write(`\n${describeRun(opts, machine)}\n\n${renderTable(figures)}\n`);
  const notes = precisionNotes(measures, 1 / clockTicks());
  for (const n of notes) process.stdout.write(`note: ${n}\n`);
  for (const q of queries)
    if (q.comparison !== undefined) process.stdout.write(`answers ${q.name}: ${q.comparison}\n`);
  await mkdir(opts.outDir, { recursive: true });
  const file = join(opts.outDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${opts.sizeLabel}.json`);
  const doc = {
    version: 1,
    startedAt: startedAt.toISOString(),
    wallSeconds: (performance.now() - t0) / 1000,
    machine,
    options: opts,
    range,
    servers: measures,
    queries,
    figures,
    notes,
  };
  await writeFile(file, JSON.stringify(doc, null, 2) + '\n');
  process.stdout.write(`\nresults: ${relative(process.cwd(), file)}\n`);
}

function describeRun(opts: BenchOptions, machine: Record<string, unknown>): string {
  const load = (machine.loadAverageAtStart as number[]).map((l) => l.toFixed(2)).join(' ');
  return (
    `${opts.series} series x ${opts.rounds} rounds (${opts.intervalMs / 1000} s apart), ${opts.batch} series/request, ` +
    `${opts.concurrency} in flight, ${opts.queryRuns} runs/query, seed ${opts.seed}; ` +
    `${String(machine.cpus)} cores (${String(machine.cpuModel)}), load ${load} at start`
  );
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}

async function main(): Promise<number> {
  let opts: BenchOptions | undefined;
  try {
    opts = parseOptions(process.argv.slice(2), repoRoot);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (opts === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanup.install();
  try {
    await benchmark(opts, cleanup);
    await cleanup.run();
    return 0;
  } catch (err) {
    cleanup.keepDirs = true;
    process.stderr.write(
      `bench: FAILED: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`,
    );
    const m = err instanceof Error ? /see (\S+server\.log)/.exec(err.message) : null;
    if (m?.[1] !== undefined) process.stderr.write(`--- tail of ${m[1]} ---\n${logTail(m[1])}\n`);
    await cleanup.run(5000);
    return 1;
  }
}

process.exitCode = await main();
