import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const TEST_ONLY = /\.(test|bench)\.ts$|^test-helpers\.ts$/;

function importsOf(file: string): string[] {
  const src = readFileSync(`${DIR}${file}`, 'utf8');
  return [...src.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('libs/remotewrite import boundaries', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports other libraries only through their index and never a service', (file) => {
    for (const spec of importsOf(file)) {
      expect(spec, spec).not.toMatch(/services\//);
      if (spec.startsWith('../')) expect(spec, spec).toMatch(/^\.\.\/[a-z-]+\/index\.js$/);
    }
  });

  it('finds the imports it checks', () => {
    expect(importsOf('decode-v1.ts')).toEqual(
      expect.arrayContaining(['../model/index.js', './proto-reader.js']),
    );
  });

  it('keeps protobufjs out of production code (it is the tests\u2019 reference only)', () => {
    const production = files.filter((f) => !TEST_ONLY.test(f));
    expect(production.length).toBeGreaterThan(5);
    for (const file of production) expect(importsOf(file), file).not.toContain('protobufjs');
  });
});
