/**
 * Byte-wise UTF-8 order of strings, the order Go's `<` on strings gives and therefore the order
 * Prometheus binary-searches the symbol table and the postings offset table in. JS `<` compares
 * UTF-16 code units, which disagrees for code points U+E000..U+FFFF against astral ones
 * (surrogate pairs); remapping the first differing unit fixes exactly that case.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/** Puts surrogates (astral code points, 4 UTF-8 bytes) above U+E000..U+FFFF. */
function rank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
