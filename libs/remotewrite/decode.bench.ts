/**
 * Decoding a 2,000-series remote-write request (10 to 30 labels a series, one sample
 * each, as a Prometheus shard sends at max_samples_per_send=2000): the hand-written
 * decoders against protobufjs on the same bytes, plus snappy and the encoders.
 * Run: npx vitest bench libs/remotewrite --run
 */
import { bench, describe } from 'vitest';
import { WriteRequestV1Decoder } from './decode-v1.js';
import { WriteRequestV2Decoder } from './decode-v2.js';
import { encodeWriteRequestV1, encodeWriteRequestV2, snappyCompress, snappyDecompress } from './index.js';
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

describe(`decode remote write 2.0, 2,000 series (${v2Body.length} bytes)`, () => {
  bench('hand-written', () => void v2.decode(v2Body), options);
  bench('protobufjs', () => void types.v2.decode(v2Body), options);
});

describe('around the decoder, 2,000 series', () => {
  bench('snappy decompress 1.0 body', () => void snappyDecompress(v1Compressed), options);
  bench('encode 1.0', () => void encodeWriteRequestV1(req), options);
  bench('encode 2.0', () => void encodeWriteRequestV2(req), options);
  bench('protobufjs encode 1.0 (from its decoded form)', () => void types.v1.encode(types.v1.decode(v1Body)).finish(), options);
});
