/** One series of a matrix result. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

/** Runs an instant query and returns the `data` of a successful response. */
export async function instantQuery(base: string, query: string, time?: number, headers: Record<string, string> = {}): Promise<{ resultType: string; result: unknown }> {
  const params = new URLSearchParams({ query });
  if (time !== undefined) params.set('time', String(time));
  const res = await fetch(`${base}/api/v1/query?${params}`, { headers });
  const body = (await res.json()) as { status: string; data: { resultType: string; result: unknown }; error?: string };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${res.status} ${body.error}`);
  return body.data;
}

/** Raw samples of every series matching `selector` in `(end - rangeSec, end]`, keyed by label set. */
export async function rawSamples(base: string, selector: string, end: number, rangeSec: number): Promise<Map<string, [number, string][]>> {
  const data = await instantQuery(base, `${selector}[${rangeSec}s]`, end);
  const out = new Map<string, [number, string][]>();
  for (const s of data.result as MatrixSeries[]) {
    const key = JSON.stringify(Object.entries(s.metric).sort());
    out.set(key, s.values.filter(([t]) => t > end - rangeSec));
  }
  return out;
}
