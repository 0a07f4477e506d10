export type { AppendResult } from './append-result.js';
export { appendResultError } from './append-result.js';
export type { HeadOptions, SeriesChunks } from './head.js';
export { Head } from './head.js';
export type { ChunkData } from './mem-series.js';
export { HeadQuerier } from './querier.js';
export { postingsForMatchers, literalAlternatives } from './matchers.js';
export { MemPostings, intersect, subtract, union } from './postings.js';
