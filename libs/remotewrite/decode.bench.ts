/**
 * Decoding a 2,000-series remote-write request (10 to 30 labels a series, one sample
 * each, as a Prometheus shard sends at max_samples_per_send=2000): the hand-written
 * decoders against protobufjs on the same bytes, plus snappy and the encoders.
 * Run: npx vitest bench libs/remotewrite --run
 */
import { bench, describe } from 'vitest';
import { WriteRequestV1Decoder } from './decode-v1.js';
import { WriteRequestV2Decoder } from './decode-v2.js';
import {
  DEFAULT_VALIDATION_LIMITS,
  encodeWriteRequestV1,
  encodeWriteRequestV2,
  snappyCompress,
  snappyDecompress,
  validateWriteRequest,
} from './index.js';
import { generateRequest, loadReferenceTypes } from './test-helpers.js';

const req = generateRequest({ seed: 42, series: 2000, samplesPerSeries: 1, exemplarEvery: 50 });
const v1Body = encodeWriteRequestV1(req);
const v2Body = encodeWriteRequestV2(req);
const v1Compressed = snappyCompress(v1Body);
const types = await loadReferenceTypes();
const v1 = new WriteRequestV1Decoder();
const v1NoIntern = new WriteRequestV1Decoder({ intern: false });
const v2 = new WriteRequestV2Decoder();
const options = { time: 1500, warmupTime: 300 };

describe(`decode remote write 1.0, 2,000 series (${v1Body.length} bytes)`, () => {
  bench('hand-written', () => void v1.decode(v1Body), options);
  bench('hand-written, no interning', () => void v1NoIntern.decode(v1Body), options);
  bench('protobufjs', () => void types.v1.decode(v1Body), options);
});

interface V2Plain {
  symbols: string[];
  timeseries: { labelsRefs: number[] }[];
}

/** What a protobufjs-based receiver must add for 2.0: label objects from symbol references. */
function protobufjsWithLabels(): unknown {
  const m = types.v2.decode(v2Body) as unknown as V2Plain;
  return m.timeseries.map((s) => {
    const labels = [];
    for (let i = 0; i < s.labelsRefs.length; i += 2) {
      labels.push({ name: m.symbols[s.labelsRefs[i]!]!, value: m.symbols[s.labelsRefs[i + 1]!]! });
    }
    return labels;
  });
}

describe(`decode remote write 2.0, 2,000 series (${v2Body.length} bytes)`, () => {
  bench('hand-written', () => void v2.decode(v2Body), options);
  bench('protobufjs (symbol references left unresolved)', () => void types.v2.decode(v2Body), options);
  bench('protobufjs + label objects from symbols', () => void protobufjsWithLabels(), options);
});

const decoded = v1.decode(v1Body);
const now = 1_767_225_600_000 + 60_000;

describe('around the decoder, 2,000 series', () => {
  bench(
    'validate (all valid)',
    () => void validateWriteRequest(decoded, DEFAULT_VALIDATION_LIMITS, now),
    options,
  );
  bench('snappy decompress 1.0 body', () => void snappyDecompress(v1Compressed), options);
  bench('encode 1.0', () => void encodeWriteRequestV1(req), options);
  bench('encode 2.0', () => void encodeWriteRequestV2(req), options);
  bench(
    'protobufjs encode 1.0 (from its decoded form)',
    () => void types.v1.encode(types.v1.decode(v1Body)).finish(),
    options,
  );
});
