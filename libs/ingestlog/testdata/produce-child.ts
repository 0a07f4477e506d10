/**
 * Child process for the kill -9 durability test: opens the embedded log at argv[2] and produces
 * forever from several concurrent writers, printing `ack <baseOffset> <count> <tag>` for every
 * acknowledged call (values are `<tag>-<i>`). The parent SIGKILLs it at a random moment.
 */
import { EmbeddedIngestLog } from '../embedded-log.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: produce-child.ts <dir>');
const log = await EmbeddedIngestLog.open({ dir, segmentBytes: 256 * 1024 });
const producer = log.producer();
const enc = new TextEncoder();
process.stdout.write('ready\n');

async function writer(w: number): Promise<never> {
  for (let seq = 0; ; seq++) {
    const tag = `w${w}s${seq}`;
    const count = 1 + ((w + seq) % 7);
    const records = Array.from({ length: count }, (_, i) => ({
      value: enc.encode(`${tag}-${i}`.padEnd(200, '.')),
    }));
    const r = await producer.produce(0, records);
    process.stdout.write(`ack ${r.baseOffset} ${count} ${tag}\n`);
  }
}

await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
