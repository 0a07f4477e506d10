export { Engine } from './engine.js';
export type { EngineOptions, QueryOptions, QueryResult, QueryStats, Value, InstantSample, MatrixSeries } from './engine.js';
export { ALL_PROMQL_FEATURES, DEFAULT_PROMQL_FEATURES, featuresFromFlags, PROMQL_FEATURE_FLAGS, resolveFeatures } from './features.js';
export type { PromqlFeatures } from './features.js';
export { parseExpr, ParseError } from './parser.js';
export type { ParseOptions } from './parser.js';
export type {
  Expr,
  ValueType,
  NumberLiteral,
  StringLiteral,
  VectorSelector,
  MatrixSelector,
  SubqueryExpr,
  Call,
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  UnaryExpr,
  ParenExpr,
  StepInvariantExpr,
  VectorMatching,
  AtModifier,
  PosRange,
} from './ast.js';
export { resultToJSON, resultToJSONBytes } from './json.js';
export type { JsonOptions } from './json.js';
export { formatGoFloat } from './format.js';
export { MemoryQueryable } from './memory-queryable.js';
export { runScript } from './test-script.js';
export type { ScriptOutcome, CommandOutcome } from './test-script.js';
