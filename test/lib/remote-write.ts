import { encodeWriteRequestV1, snappyCompress, type EncodableSeries } from '../../libs/remotewrite/index.js';

/** Sends one remote-write 1.0 request; returns the status and body text. */
export async function pushSeries(base: string, series: EncodableSeries[], headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/v1/push`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'snappy',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
      ...headers,
    },
    body: snappyCompress(encodeWriteRequestV1({ timeseries: series })),
  });
  return { status: res.status, text: await res.text() };
}

/** A deterministic data set: `n` series of `samples` points `stepMs` apart ending at `end`. */
export function dataSet(n: number, samples: number, stepMs: number, end: number): EncodableSeries[] {
  const out: EncodableSeries[] = [];
  for (let i = 0; i < n; i++) {
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < samples; j++) {
      timestamps.push(end - (samples - 1 - j) * stepMs);
      values.push(i % 2 === 0 ? i * 1000 + j : Math.sin(i + j / 10) * 100);
    }
    out.push({
      labels: [
        { name: '__name__', value: i % 2 === 0 ? 'inference_requests_total' : 'gpu_utilization' },
        { name: 'gpu', value: String(i % 4) },
        { name: 'instance', value: `node-${i}` },
        { name: 'model', value: i % 3 === 0 ? 'llama' : 'mistral' },
      ],
      samples: { timestamps, values },
    });
  }
  return out;
}
