/**
 * The house rules of DESIGN.md as a check: libraries never import services; a service never
 * imports another service (only services/app wires them); and whatever crosses a library's or
 * service's folder goes through that folder's index.ts (generated protobuf code excepted).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'testdata') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** `libs/tsdb/block` for a file under it: the unit that owns a file (libs nest one level in tsdb). */
function unitOf(rel: string): string {
  const parts = rel.split(sep);
  if (parts[0] === 'libs' && parts[1] === 'tsdb') return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

it('keeps libraries, services and their public surfaces apart', () => {
  const bad: string[] = [];
  for (const file of [...tsFiles(join(root, 'libs')), ...tsFiles(join(root, 'services'))]) {
    const rel = relative(root, file);
    const from = unitOf(rel);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
      const target = relative(root, resolve(dirname(file), m[1]!));
      if (target.startsWith(`proto${sep}gen`)) continue;
      const to = unitOf(target);
      if (to === from) continue;
      if (from.startsWith('libs/') && to.startsWith('services/')) bad.push(`${rel}: a library imports ${target}`);
      else if (from.startsWith('services/') && to.startsWith('services/') && from !== 'services/app') {
        bad.push(`${rel}: a service imports another service, ${target}`);
      } else if (target.split(sep).join('/') !== `${to}/index.js`) bad.push(`${rel}: imports ${target}, not ${to}/index.js`);
    }
  }
  expect(bad).toEqual([]);
});
