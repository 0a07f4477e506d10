/**
 * Bytes per sample of a block we write against the block Prometheus (promtool 2.42
 * `create-blocks-from openmetrics`) writes for the same samples: the same seeded data set of
 * counters and gauges with 10 to 30 labels, 2h at 15s scrapes, 120-sample chunks.
 *
 * Run: `npx tsx libs/tsdb/block/block-size.bench.ts [series]` (needs promtool on PATH).
 * Prints sizes and the ratio ours / Prometheus; no pass/fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLabels, labelsFrom } from '../../model/index.js';
import { writeBlock } from './block-writer.js';
import { rng, toBlockSeries, type SeriesSamples } from './testdata/dataset.js';

const BLOCK_START = 1_699_999_200_000; // 2h-aligned, so promtool writes exactly one block

function dataset(nSeries: number): SeriesSamples[] {
  const r = rng(1);
  const out: SeriesSamples[] = [];
  for (let i = 0; i < nSeries; i++) {
    const lbl: Record<string, string> = {
      __name__: `metric_${i % 50}`,
      job: `job-${i % 7}`,
      instance: `10.0.${i % 256}.${i % 13}:9100`,
    };
    const nLabels = 10 + (i % 21);
    for (let k = 0; Object.keys(lbl).length < nLabels; k++) lbl[`label_${k}`] = `value-${(i * 7 + k) % 40}`;
    const counter = i % 2 === 0;
    const ts: number[] = [];
    const values = new Float64Array(480);
    let v = 0;
    for (let j = 0; j < 480; j++) {
      ts.push(BLOCK_START + j * 15_000 + (j % 5 === 0 ? 1 : 0));
      values[j] = counter ? (v += Math.floor(r() * 10)) : Math.round(r() * 1000) / 10;
    }
    out.push({ labels: labelsFrom(lbl), timestamps: ts, values });
  }
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

function openMetrics(data: readonly SeriesSamples[]): string {
  const lines: string[] = [];
  const byName = new Map<string, SeriesSamples[]>();
  for (const s of data) {
    const n = s.labels.find((l) => l.name === '__name__')!.value;
    byName.set(n, [...(byName.get(n) ?? []), s]);
  }
  for (const [name, list] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of list) {
      const lbl = s.labels
        .filter((l) => l.name !== '__name__')
        .map((l) => `${l.name}="${l.value}"`)
        .join(',');
      s.timestamps.forEach((t, i) => lines.push(`${name}{${lbl}} ${s.values[i]} ${(t / 1000).toFixed(3)}`));
    }
  }
  return lines.join('\n') + '\n# EOF\n';
}

async function dirSizes(block: string): Promise<{ index: number; chunks: number }> {
  let chunks = 0;
  for (const f of await readdir(join(block, 'chunks'))) chunks += (await stat(join(block, 'chunks', f))).size;
  return { index: (await stat(join(block, 'index'))).size, chunks };
}

async function main(): Promise<void> {
  const nSeries = Number(process.argv[2] ?? 2000);
  const data = dataset(nSeries);
  const samples = nSeries * 480;
  const dir = await mkdtemp(join(tmpdir(), 'block-size-'));
  try {
    const ours = await writeBlock(join(dir, 'ours'), toBlockSeries(data));
    await writeFile(join(dir, 'in.om'), openMetrics(data));
    execFileSync('promtool', [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      join(dir, 'in.om'),
      join(dir, 'prom'),
    ]);
    const [promBlock] = (await readdir(join(dir, 'prom'))).filter((f) => f.length === 26);
    const a = await dirSizes(ours.dir);
    const b = await dirSizes(join(dir, 'prom', promBlock!));
    const row = (name: string, x: number, y: number): string =>
      `${name.padEnd(8)} ours ${String(x).padStart(10)}  prometheus ${String(y).padStart(10)}  ratio ${(x / y).toFixed(3)}  ours ${(x / samples).toFixed(3)} B/sample`;
    console.log(`${nSeries} series, ${samples} samples`);
    console.log(row('index', a.index, b.index));
    console.log(row('chunks', a.chunks, b.chunks));
    console.log(row('total', a.index + a.chunks, b.index + b.chunks));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
