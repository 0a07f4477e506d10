/**
 * A synthetic fleet of AI inference services, shaped like what such a fleet exports: request
 * counters by route and status, classic latency histograms (`_bucket{le}`, `_sum`, `_count`),
 * token counters, GPU utilisation and memory gauges and a queue depth per pod. Every series carries
 * the pod's target labels plus 0-12 service-specific labels, so series have 15 to 29 labels.
 *
 * Everything derives from one seed: the same seed and size give the same series in the same order
 * and the same value for each round.
 */
import { sortLabels, type Label, type Labels } from '../libs/model/index.js';
import { Rng } from './prng.js';

/** Metric names the query set refers to. */
export const METRICS = {
  requests: 'inference_requests_total',
  latency: 'inference_request_duration_seconds',
  tokens: 'inference_tokens_total',
  gpuUtil: 'gpu_utilization',
  gpuMem: 'gpu_memory_used_bytes',
  queue: 'inference_queue_depth',
} as const;

const ROUTES = ['/v1/completions', '/v1/chat/completions'];
const STATUSES: ReadonlyArray<[string, number]> = [
  ['200', 0.93],
  ['400', 0.02],
  ['429', 0.03],
  ['500', 0.015],
  ['503', 0.005],
];
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];
const GPUS_PER_POD = 4;
/** Series one pod exports: requests, latency histogram (buckets + +Inf + sum + count), tokens, GPU, queue. */
export const SERIES_PER_POD =
  ROUTES.length * STATUSES.length + ROUTES.length * (BUCKETS.length + 3) + 2 + 2 * GPUS_PER_POD + 1;

const CLUSTERS: ReadonlyArray<[string, string]> = [
  ['prod-use1-a', 'us-east-1'],
  ['prod-use1-b', 'us-east-1'],
  ['prod-usw2-a', 'us-west-2'],
  ['prod-euw1-a', 'eu-west-1'],
  ['prod-apse1-a', 'ap-southeast-1'],
  ['staging-use1', 'us-east-1'],
];
const MODELS = [
  'llama-3-8b',
  'llama-3-70b',
  'mistral-7b',
  'mixtral-8x7b',
  'qwen2-72b',
  'gemma-2-9b',
  'phi-3-mini',
];
const GPU_TYPES = ['nvidia-a100-80gb', 'nvidia-h100-80gb', 'nvidia-l4', 'nvidia-a10g'];
const TEAMS = ['search', 'assistant', 'ads', 'platform', 'research'];
const EXTRA_LABELS: ReadonlyArray<[string, readonly string[]]> = [
  ['app_kubernetes_io_managed_by', ['helm', 'argocd']],
  ['container', ['server', 'vllm', 'triton']],
  ['cost_center', ['cc-1001', 'cc-2040', 'cc-3300', 'cc-4100']],
  ['framework', ['vllm', 'tgi', 'tensorrt-llm']],
  ['helm_chart', ['inference-1.4.2', 'inference-1.5.0', 'inference-2.0.1']],
  ['image_tag', ['2024.06.1', '2024.07.3', '2024.08.0', '2024.09.2']],
  ['max_batch_size', ['8', '16', '32', '64']],
  ['owner', ['alice', 'bob', 'carol', 'dave', 'erin']],
  ['priority_class', ['high', 'default', 'batch']],
  ['quantization', ['fp16', 'bf16', 'int8', 'fp8']],
  ['tier', ['online', 'offline']],
  ['tokenizer', ['sentencepiece', 'tiktoken']],
];

type Advance = (rng: Rng, v: Float64Array) => void;

/**
 * The fleet: `size` series with fixed labels and a value per series that `advance` moves one
 * scrape interval forward. Not safe to share between concurrent users (it holds one value array).
 */
export class Fleet {
  /** Current value of each series; `advance` overwrites it in place. */
  readonly values: Float64Array;
  /** Sorted label set of each series; the pod's target label objects are shared. */
  private readonly defs: Labels[] = [];
  private readonly groups: Advance[] = [];
  private readonly rng: Rng;

  /** @param size number of series (>= 1) @param seed PRNG seed for labels and values */
  constructor(
    readonly size: number,
    seed: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`fleet size must be a positive integer, got ${size}`);
    const labelRng = new Rng(seed);
    let service = 0;
    while (this.defs.length < size) this.addService(labelRng, service++);
    // The last pod may be cut short; its dropped series still get values, which are never sent.
    this.values = new Float64Array(this.defs.length);
    this.defs.length = size;
    this.rng = new Rng(seed ^ 0x5eed);
  }

  /** The sorted label set of series `i` (0 <= i < size); shared, do not modify. */
  labels(i: number): Labels {
    const d = this.defs[i];
    if (d === undefined) throw new Error(`series ${i} out of range`);
    return d;
  }

  /** Moves every value one 15 s scrape interval forward; returns `values`. */
  advance(): Float64Array {
    for (const g of this.groups) g(this.rng, this.values);
    return this.values;
  }

  private addService(rng: Rng, index: number): void {
    const [cluster, region] = rng.pick(CLUSTERS);
    const model = rng.pick(MODELS);
    const svc = `${model.replace(/[^a-z0-9]+/g, '-')}-svc-${index}`;
    const common: Label[] = [
      { name: 'cluster', value: cluster },
      { name: 'region', value: region },
      { name: 'namespace', value: `inference-${rng.pick(TEAMS)}` },
      { name: 'service', value: svc },
      { name: 'model', value: model },
      { name: 'model_version', value: `v${rng.range(1, 9)}.${rng.range(0, 20)}` },
      { name: 'gpu_type', value: rng.pick(GPU_TYPES) },
      { name: 'env', value: cluster.startsWith('prod') ? 'production' : 'staging' },
      { name: 'team', value: rng.pick(TEAMS) },
      { name: 'job', value: `inference/${svc}` },
    ];
    const nExtra = rng.range(0, EXTRA_LABELS.length);
    for (let e = 0; e < nExtra; e++) {
      const [name, values] = EXTRA_LABELS[e]!;
      common.push({ name, value: rng.pick(values) });
    }
    const load = 0.5 + rng.next() * 20; // requests per second per pod
    const medianLatency = 0.2 + rng.next() * 4;
    const replicas = rng.range(2, 24);
    const rs = rng.hex(10);
    for (let r = 0; r < replicas && this.defs.length < this.size; r++) {
      const pod = `${svc}-${rs}-${rng.hex(5)}`;
      const base: Label[] = [
        ...common,
        { name: 'pod', value: pod },
        { name: 'instance', value: `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}:8000` },
        { name: 'node', value: `gpu-node-${rng.hex(6)}` },
        { name: 'zone', value: `${region}${rng.pick(['a', 'b', 'c'])}` },
      ];
      this.addPod(base, load, medianLatency);
    }
  }

  private addPod(base: readonly Label[], load: number, medianLatency: number): void {
    for (const route of ROUTES) {
      for (const [status, share] of STATUSES) {
        const i = this.add(base, METRICS.requests, [
          { name: 'route', value: route },
          { name: 'status', value: status },
        ]);
        this.groups.push(counter(i, load * share * 15));
      }
    }
    for (const route of ROUTES) this.addHistogram(base, route, load, medianLatency);
    for (const direction of ['prompt', 'completion']) {
      const i = this.add(base, METRICS.tokens, [{ name: 'direction', value: direction }]);
      this.groups.push(counter(i, load * (direction === 'prompt' ? 900 : 250) * 15));
    }
    for (let g = 0; g < GPUS_PER_POD; g++) {
      const gpu = [{ name: 'gpu', value: String(g) }];
      this.groups.push(gauge(this.add(base, METRICS.gpuUtil, gpu), 0, 1, 0.08, false));
      this.groups.push(gauge(this.add(base, METRICS.gpuMem, gpu), 8 * 2 ** 30, 80 * 2 ** 30, 2 ** 30, true));
    }
    this.groups.push(gauge(this.add(base, METRICS.queue, []), 0, 500, 6, true));
  }

  private addHistogram(base: readonly Label[], route: string, load: number, median: number): void {
    const r = { name: 'route', value: route };
    const first = this.defs.length;
    for (const le of BUCKETS)
      this.add(base, `${METRICS.latency}_bucket`, [{ name: 'le', value: String(le) }, r]);
    this.add(base, `${METRICS.latency}_bucket`, [{ name: 'le', value: '+Inf' }, r]);
    this.add(base, `${METRICS.latency}_sum`, [r]);
    this.add(base, `${METRICS.latency}_count`, [r]);
    // Fraction of requests at or under each bound: a log-logistic latency distribution.
    const cdf = BUCKETS.map((le) => 1 / (1 + (median / le) ** 3));
    this.groups.push((rng, v) => {
      const n = Math.round(load * 15 * (0.5 + rng.next()));
      for (let b = 0; b < cdf.length; b++) v[first + b]! += Math.floor(n * cdf[b]!);
      v[first + BUCKETS.length]! += n;
      v[first + BUCKETS.length + 1]! += n * median * (0.8 + 0.4 * rng.next());
      v[first + BUCKETS.length + 2]! += n;
    });
  }

  /** Records a series definition; returns its index (which may be >= size: it is then dropped). */
  private add(base: readonly Label[], name: string, extra: Label[]): number {
    this.defs.push(sortLabels([{ name: '__name__', value: name }, ...base, ...extra]));
    return this.defs.length - 1;
  }
}

function counter(i: number, perInterval: number): Advance {
  return (rng, v) => {
    v[i]! += Math.round(perInterval * (0.5 + rng.next()));
  };
}

function gauge(i: number, lo: number, hi: number, step: number, integer: boolean): Advance {
  let started = false;
  return (rng, v) => {
    let x = started ? v[i]! + (rng.next() - 0.5) * 2 * step : lo + rng.next() * (hi - lo);
    started = true;
    x = Math.min(hi, Math.max(lo, x));
    v[i] = integer ? Math.round(x) : x;
  };
}
