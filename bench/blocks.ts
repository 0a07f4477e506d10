/**
 * Query latency over blocks against the same queries over the head, and what the
 * store-gateway's loaded blocks cost in memory. One Epimetheus (`--target=all`): a fleet is
 * written, the query set is timed on the head, `/ingester/flush` moves everything into blocks,
 * and the same queries are timed again (answered by the store-gateway from the bucket).
 *
 * Every answer from blocks must equal the head's, or the run fails. Run:
 * `npm run build && node --import tsx bench/blocks.ts [series] [rounds]`. Prints a table; no
 * timing pass/fail. Sizes default to 20,000 series and 40 rounds (10 minutes of data at 15 s).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fleet } from './fleet.js';
import { RequestBuilder, sendRound } from './load.js';
import { rssBytes } from './procstat.js';
import { median, QUERIES, timeQuery } from './queries.js';
import { startServer } from './servers.js';

const series = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 40);
const RUNS = 5;
const STEP = 15_000;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'epimetheus-bench-blocks-'));
  const main = join(import.meta.dirname, '../dist/services/app/main.js');
  const server = await startServer('epimetheus', dir, { epimetheusMain: main, prometheusBin: '' }, () => undefined);
  try {
    const builder = new RequestBuilder(new Fleet(series, 1), 2000);
    const end = Math.floor(Date.now() / STEP) * STEP - 30_000;
    const start = end - (rounds - 1) * STEP;
    for (let r = 0; r < rounds; r++) await sendRound(server.pushUrl, builder.nextRound(start + r * STEP), 4);
    await ingested(server.url, end, series);
    const range = { startMs: start + STEP / 2, endMs: end + STEP / 2, stepMs: STEP };
    const answers = new Map<string, string | undefined>();
    const head = await timeAll(server.url, range, answers);
    const beforeFlush = { rss: rssBytes([server.pid]) };
    const flush = await fetch(`${server.url}/ingester/flush`, { method: 'POST' });
    if (flush.status !== 204) throw new Error(`flush answered ${flush.status}`);
    const afterFlush = { rss: rssBytes([server.pid]) };
    const blocks = await timeAll(server.url, range, answers);
    const afterQueries = { rss: rssBytes([server.pid]) };
    const loaded = await gauge(server.url, 'epimetheus_store_gateway_blocks_loaded');
    print(series, rounds, head, blocks);
    console.log(`\nRSS: before flush ${mib(beforeFlush.rss)}, after flush ${mib(afterFlush.rss)}, after querying blocks ${mib(afterQueries.rss)}`);
    // RSS moves with garbage collection by more than one block's index header weighs, so no
    // per-block memory figure is derived from it.
    console.log(`store-gateway blocks loaded: ${loaded}`);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median latency (ms) of each query; checks every answer matches the first one recorded. */
async function timeAll(url: string, range: { startMs: number; endMs: number; stepMs: number }, answers: Map<string, string | undefined>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const q of QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timeQuery(url, q.expr, range);
      if (run.error) throw new Error(`${q.name}: ${run.error}`);
      if (!answers.has(q.name)) answers.set(q.name, run.body);
      else if (answers.get(q.name) !== run.body) throw new Error(`${q.name}: blocks answered differently from the head`);
      times.push(run.seconds * 1000);
    }
    out.set(q.name, median(times));
  }
  return out;
}

/** Waits until every series has its last sample in the head: ingestion trails the 2xx. */
async function ingested(url: string, endMs: number, want: number): Promise<void> {
  const q = `count(timestamp({__name__=~".+"}) == ${endMs / 1000})`;
  for (let i = 0; i < 600; i++) {
    const body = (await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}&time=${endMs / 1000}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    if (Number(body.data.result[0]?.value[1] ?? 0) >= want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the last round never became queryable');
}

async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function print(series: number, rounds: number, head: Map<string, number>, blocks: Map<string, number>): void {
  console.log(`${series} series x ${rounds} rounds, ${RUNS} runs per query (median)\n`);
  console.log('| query | head ms | blocks ms | blocks/head |');
  console.log('|---|---|---|---|');
  for (const q of QUERIES) {
    const h = head.get(q.name)!;
    const b = blocks.get(q.name)!;
    console.log(`| ${q.name} | ${h.toFixed(1)} | ${b.toFixed(1)} | ${(b / h).toFixed(2)}x |`);
  }
}

await main();
