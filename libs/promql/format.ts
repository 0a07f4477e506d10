/**
 * Formats a float like Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest decimal that
 * round-trips, never in exponent form; `+Inf`, `-Inf`, `NaN` for the special values.
 */
export function formatGoFloat(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0'; // String(-0) is "0"; Go keeps the sign.
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  return expandExponent(s, e);
}

function expandExponent(s: string, e: number): string {
  let mant = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  let neg = '';
  if (mant[0] === '-') {
    neg = '-';
    mant = mant.slice(1);
  }
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const intLen = (dot < 0 ? mant.length : dot) + exp;
  if (intLen <= 0) return `${neg}0.${'0'.repeat(-intLen)}${digits}`;
  if (intLen >= digits.length) return neg + digits + '0'.repeat(intLen - digits.length);
  return `${neg}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
