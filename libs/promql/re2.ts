/**
 * Rewrites the RE2 constructs that JavaScript's RegExp (Node 20) lacks into equivalent JS
 * syntax: inline flag groups `(?i)`, `(?i:...)`, `(?s)`, `(?-s)`. Case-insensitivity is
 * expanded into character classes. Patterns without such groups are returned unchanged.
 */
export function translateRe2(p: string): string {
  if (!/\(\?[imsU-]+[):]/.test(p)) return p;
  let out = '';
  const stack: boolean[] = [];
  let ci = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(p, i);
      const body = p.slice(i, end + 1);
      out += ci ? foldClass(body) : body;
      i = end;
      continue;
    }
    if (c === '(') {
      const m = /^\(\?([imsU]*)(?:-([imsU]*))?([):])/.exec(p.slice(i));
      if (m && (m[1] !== '' || m[2] !== undefined)) {
        const on = m[1]!.includes('i');
        const off = (m[2] ?? '').includes('i');
        if (m[3] === ')') {
          if (on) ci = true;
          if (off) ci = false;
          i += m[0].length - 1;
          continue;
        }
        stack.push(ci);
        if (on) ci = true;
        if (off) ci = false;
        out += '(?:';
        i += m[0].length - 1;
        continue;
      }
      stack.push(ci);
      out += c;
      continue;
    }
    if (c === ')') {
      ci = stack.pop() ?? false;
      out += c;
      continue;
    }
    if (ci && /[a-zA-Z]/.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      continue;
    }
    out += c;
  }
  return out;
}

function classEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return p.length - 1;
}

function foldClass(body: string): string {
  const inner = body.slice(1, -1);
  let extra = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inner[i + 1] === '-' && inner[i + 2] !== undefined && inner[i + 2] !== ']') {
      const a = c;
      const b = inner[i + 2]!;
      if (/[a-z]/.test(a) && /[a-z]/.test(b)) extra += `${a.toUpperCase()}-${b.toUpperCase()}`;
      else if (/[A-Z]/.test(a) && /[A-Z]/.test(b)) extra += `${a.toLowerCase()}-${b.toLowerCase()}`;
      i += 2;
      continue;
    }
    if (/[a-z]/.test(c)) extra += c.toUpperCase();
    else if (/[A-Z]/.test(c)) extra += c.toLowerCase();
  }
  return `[${inner}${extra}]`;
}

/**
 * Makes a query digestible by the lezer grammar without moving any byte: a trailing-dot
 * number `2.` loses its dot, and `min_of(`/`max_of(` outside ranges are renamed to another
 * six-letter function the grammar knows (the parser reads the real name from the original
 * text).
 */
export function prepareForLezer(q: string): string {
  const chars = q.split('');
  let quote = '';
  let depth = 0;
  let parens = 0;
  // Paren depth at which a duration-context min_of/max_of (after `offset`) was opened.
  let durationParens = -1;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#') {
      while (i < chars.length && chars[i] !== '\n') i++;
    } else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '(') parens++;
    else if (c === ')') {
      parens--;
      if (parens === durationParens) durationParens = -1;
    } else if (c === '.' && i > 0 && /[0-9]/.test(chars[i - 1]!) && !/[0-9eE]/.test(chars[i + 1] ?? '')) {
      let j = i - 1;
      while (j >= 0 && /[0-9]/.test(chars[j]!)) j--;
      if (j < 0 || !/[A-Za-z_:.]/.test(chars[j]!)) chars[i] = ' ';
    } else if (/^(step|range)\(/i.test(q.slice(i, i + 6)) && (i === 0 || !/[A-Za-z0-9_:]/.test(q[i - 1]!))) {
      const n = q[i]!.toLowerCase() === 's' ? 4 : 5;
      for (let k = 0; k < n; k++) chars[i + k] = chars[i + k]!.toLowerCase();
      i += n - 1;
    } else if (
      depth === 0 &&
      durationParens < 0 &&
      (q.startsWith('min_of(', i) || q.startsWith('max_of(', i)) &&
      (i === 0 || !/[A-Za-z0-9_:]/.test(q[i - 1]!)) &&
      /offset[\s(+-]*$/.test(q.slice(0, i))
    ) {
      durationParens = parens;
      i += 5;
    } else if (
      depth === 0 &&
      durationParens < 0 &&
      (q.startsWith('min_of(', i) || q.startsWith('max_of(', i)) &&
      (i === 0 || !/[A-Za-z0-9_:]/.test(q[i - 1]!))
    ) {
      chars.splice(i, 6, ...'minute'.split(''));
      i += 5;
    }
  }
  return chars.join('');
}
