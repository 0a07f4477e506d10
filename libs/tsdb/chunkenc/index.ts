export { BitReader, BitWriter, ChunkDecodeError } from './bstream.js';
export type { ByteAllocator } from './buffer-pool.js';
export { BufferPool } from './buffer-pool.js';
export { Encoding, EncXOR, EncHistogram, EncFloatHistogram, encodingName } from './encoding.js';
export { floatFromBits, floatHi, floatLo } from './float-bits.js';
export {
  XorChunkEncoder,
  XorChunkIterator,
  xorChunkNumSamples,
  decodeXorChunk,
  decodeXorChunkInto,
  encodeXorChunk,
} from './xor.js';
export { decodeXorRange, xorRangeNumSamples } from './xor-decode.js';
export type { DecodeTarget } from './xor-decode.js';
