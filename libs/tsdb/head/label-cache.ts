import type { Label, Labels } from '../../model/index.js';
import { symAt, symCount, type PackedSyms } from './labels-util.js';
import type { SymbolTable } from './symbols.js';

/**
 * Materialises label sets for queries from packed symbol ids, sharing one `Label`
 * object per distinct (name, value) pair. A select over 50,000 series of 20 labels otherwise
 * allocates a million label objects that live as long as the query; with the cache it
 * allocates one array per series.
 *
 * Symbol ids are reused once a symbol is released, so every hit is checked against the
 * symbol table's current strings (identity comparisons of interned strings) and replaced
 * when stale. The per-name maps are dropped whole when they outgrow twice the live symbols
 * plus a margin, which bounds them under series churn; the by-value array has one slot per
 * symbol id. Single-threaded, like the head.
 */
export class LabelCache {
  /** By name symbol id: label objects by value symbol id. */
  private byName: (Map<number, Label> | undefined)[] = [];
  /** By value symbol id: the label last made with it (symbol ids are dense, so is this). */
  private readonly byValue: (Label | undefined)[] = [];
  private entries = 0;

  constructor(private readonly symbols: SymbolTable) {}

  /** The label set of packed symbol ids `syms`. The array is new; its elements are shared. */
  labels(syms: PackedSyms): Labels {
    const n = symCount(syms) >>> 1;
    const out = new Array<Label>(n);
    for (let i = 0; i < n; i++) out[i] = this.label(symAt(syms, 2 * i), symAt(syms, 2 * i + 1));
    return out;
  }

  private label(nameId: number, valueId: number): Label {
    const name = this.symbols.str(nameId);
    const value = this.symbols.str(valueId);
    // Most values go with one name only: a dense array by value id answers without hashing.
    const last = this.byValue[valueId];
    if (last !== undefined && last.name === name && last.value === value) return last;
    const l = this.lookup(nameId, valueId, name, value);
    // Grown one slot at a time so the array stays dense (a far index would make it a dictionary).
    while (this.byValue.length <= valueId) this.byValue.push(undefined);
    this.byValue[valueId] = l;
    return l;
  }

  private lookup(nameId: number, valueId: number, name: string, value: string): Label {
    let values = this.byName[nameId];
    if (values === undefined) {
      values = new Map();
      this.byName[nameId] = values;
    }
    const hit = values.get(valueId);
    if (hit !== undefined && hit.name === name && hit.value === value) return hit;
    if (hit === undefined && ++this.entries > 2 * this.symbols.size + 4096) {
      this.byName = [];
      this.entries = 0;
      return this.lookup(nameId, valueId, name, value);
    }
    // Not frozen: frozen objects get another hidden class, and label readers elsewhere see
    // plain `{ name, value }` objects; `Label`'s fields are readonly for every consumer.
    const l: Label = { name, value };
    values.set(valueId, l);
    return l;
  }
}
