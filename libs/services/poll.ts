/**
 * Calls `fn` every `intervalMs` until it returns a truthy value, and returns that value.
 * @throws the last error of `fn` (or a timeout error) after `timeoutMs`.
 */
export async function poll<T>(
  fn: () => Promise<T> | T,
  { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      lastErr = undefined;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`, { cause: lastErr });
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
