/**
 * Interned label strings with reference counts, so every distinct name or value is held once
 * however many series use it, and is released when the last series using it goes.
 */
export class SymbolTable {
  private readonly ids = new Map<string, number>();
  private readonly strs: string[] = [];
  private readonly counts: number[] = [];
  private readonly free: number[] = [];

  /** Number of live symbols. */
  get size(): number {
    return this.ids.size;
  }

  /** Takes a reference to `s`, interning it if new, and returns its id. */
  ref(s: string): number {
    let id = this.ids.get(s);
    if (id !== undefined) {
      this.counts[id]!++;
      return id;
    }
    id = this.free.pop() ?? this.strs.length;
    this.ids.set(s, id);
    this.strs[id] = s;
    this.counts[id] = 1;
    return id;
  }

  /** Drops one reference to symbol `id`; the symbol is forgotten at zero. */
  release(id: number): void {
    const c = this.counts[id]! - 1;
    this.counts[id] = c;
    if (c > 0) return;
    this.ids.delete(this.strs[id]!);
    this.strs[id] = '';
    this.free.push(id);
  }

  /** The string of a live symbol id. */
  str(id: number): string {
    return this.strs[id]!;
  }

  /** The interned copy of `s`, or undefined when no series uses it. */
  lookup(s: string): string | undefined {
    const id = this.ids.get(s);
    return id === undefined ? undefined : this.strs[id];
  }

  /** Approximate heap bytes held (strings counted at 2 bytes a character plus headers). */
  bytesEstimate(): number {
    let chars = 0;
    for (const s of this.ids.keys()) chars += s.length;
    return chars * 2 + this.ids.size * (24 + 40) + this.strs.length * 16;
  }
}
