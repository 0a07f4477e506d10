import { describe, expect, it } from 'vitest';
import { LabelCache } from './label-cache.js';
import { packSyms } from './labels-util.js';
import { SymbolTable } from './symbols.js';

function packed(symbols: SymbolTable, pairs: [string, string][]): string {
  return packSyms(pairs.flatMap(([n, v]) => [symbols.ref(n), symbols.ref(v)]));
}

describe('LabelCache', () => {
  it('shares one label object per name and value pair between label sets', () => {
    const symbols = new SymbolTable();
    const cache = new LabelCache(symbols);
    const a = cache.labels(packed(symbols, [['job', 'api'], ['pod', 'a']]));
    const b = cache.labels(packed(symbols, [['job', 'api'], ['pod', 'b']]));
    expect(a).toEqual([{ name: 'job', value: 'api' }, { name: 'pod', value: 'a' }]);
    expect(b).toEqual([{ name: 'job', value: 'api' }, { name: 'pod', value: 'b' }]);
    expect(a[0]).toBe(b[0]);
    expect(a).not.toBe(cache.labels(packed(symbols, [['job', 'api'], ['pod', 'a']])));
  });

  it('keeps a value shared by several names apart by name', () => {
    const symbols = new SymbolTable();
    const cache = new LabelCache(symbols);
    const a = packed(symbols, [['a', 'x'], ['b', 'x']]);
    for (let i = 0; i < 3; i++) {
      expect(cache.labels(a)).toEqual([{ name: 'a', value: 'x' }, { name: 'b', value: 'x' }]);
      expect(cache.labels(packed(symbols, [['b', 'x']]))).toEqual([{ name: 'b', value: 'x' }]);
    }
  });

  it('does not hand out a stale label once a released symbol id is reused', () => {
    const symbols = new SymbolTable();
    const cache = new LabelCache(symbols);
    const syms = packed(symbols, [['pod', 'old']]);
    expect(cache.labels(syms)).toEqual([{ name: 'pod', value: 'old' }]);
    const oldId = symbols.ref('old');
    symbols.release(oldId);
    symbols.release(oldId);
    const newId = symbols.ref('new');
    expect(newId).toBe(oldId);
    expect(cache.labels(syms)).toEqual([{ name: 'pod', value: 'new' }]);
  });

  it('stays correct when it is dropped for outgrowing the symbol table', () => {
    const symbols = new SymbolTable();
    const cache = new LabelCache(symbols);
    const name = symbols.ref('v');
    for (let i = 0; i < 10_000; i++) {
      const id = symbols.ref(`value-${i}`);
      expect(cache.labels(packSyms([name, id]))[0]).toEqual({ name: 'v', value: `value-${i}` });
      symbols.release(id);
    }
  });
});
