import type { epimetheus } from '../../proto/gen/store.js';

/** One distinct type, help and unit of a metric family, as `/api/v1/metadata` reports it. */
export interface MetadataEntry {
  type: string;
  help: string;
  unit: string;
}

/** Metadata by metric family name. */
export type MetadataByMetric = ReadonlyMap<string, readonly MetadataEntry[]>;

/** Flattens metadata into the StoreAPI's `MetadataResponse`. */
export function metadataToProto(m: MetadataByMetric): epimetheus.store.IMetadataResponse {
  const metadata: epimetheus.store.IMetricMetadata[] = [];
  for (const [metricFamilyName, entries] of m) {
    for (const e of entries) metadata.push({ metricFamilyName, type: e.type, help: e.help, unit: e.unit });
  }
  return { metadata };
}

/** Groups a `MetadataResponse` by metric family again. */
export function metadataFromProto(r: epimetheus.store.IMetadataResponse): Map<string, MetadataEntry[]> {
  const out = new Map<string, MetadataEntry[]>();
  for (const e of r.metadata ?? []) {
    add(out, e.metricFamilyName ?? '', { type: e.type ?? '', help: e.help ?? '', unit: e.unit ?? '' });
  }
  return out;
}

/**
 * Merges the metadata of several stores: per metric, every distinct (type, help, unit) once, in
 * the order first seen (stores in the order given). Replicas answering alike add nothing.
 */
export function mergeMetadata(all: readonly MetadataByMetric[]): Map<string, MetadataEntry[]> {
  const out = new Map<string, MetadataEntry[]>();
  for (const m of all) for (const [metric, entries] of m) for (const e of entries) add(out, metric, e);
  return out;
}

function add(out: Map<string, MetadataEntry[]>, metric: string, e: MetadataEntry): void {
  const list = out.get(metric);
  if (!list) out.set(metric, [{ ...e }]);
  else if (!list.some((x) => x.type === e.type && x.help === e.help && x.unit === e.unit))
    list.push({ ...e });
}
