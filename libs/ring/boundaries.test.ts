import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('imports other libraries only through their index, only those allowed, never services', async () => {
  const files = (await fs.readdir(here)).filter((f) => f.endsWith('.ts'));
  const bad: string[] = [];
  for (const f of files) {
    const src = await fs.readFile(path.join(here, f), 'utf8');
    for (const m of src.matchAll(/from '([^']+)'/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const ok = spec.startsWith('./') || /^\.\.\/(errors|model|kv|services|server)\/index\.js$/.test(spec);
      if (!ok) bad.push(`${f}: ${spec}`);
    }
  }
  expect(bad).toEqual([]);
});

it('names its public surface without export *', async () => {
  const index = await fs.readFile(path.join(here, 'index.ts'), 'utf8');
  expect(index).not.toMatch(/export \*/);
});
