import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

it('imports other libraries only through their index and never services', async () => {
  const files = (await fs.readdir(here)).filter((f) => f.endsWith('.ts'));
  const bad: string[] = [];
  for (const f of files) {
    const src = await fs.readFile(path.join(here, f), 'utf8');
    for (const m of src.matchAll(/from '([^']+)'/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      // Tests may also use the config library, to check the flags fit its FlagSet.
      const libs = f.endsWith('.test.ts')
        ? /^\.\.\/(errors|model|config)\/index\.js$/
        : /^\.\.\/(errors|model)\/index\.js$/;
      const ok = spec.startsWith('./') || libs.test(spec);
      if (!ok) bad.push(`${f}: ${spec}`);
    }
  }
  expect(bad).toEqual([]);
});
