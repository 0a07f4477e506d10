import type { Label, Labels } from '../model/index.js';

/** The HA cluster and replica a series comes from. */
export interface HaLabels {
  readonly cluster: string;
  readonly replica: string;
}

/**
 * The values of the cluster and replica labels (names from the tenant's `ha_cluster_label` and
 * `ha_replica_label`). @returns undefined unless both are present and non-empty: such series are
 * not from an HA pair and are accepted unchanged, as Mimir does.
 */
export function findHaLabels(
  labels: Labels,
  clusterLabel: string,
  replicaLabel: string,
): HaLabels | undefined {
  let cluster = '';
  let replica = '';
  for (const l of labels) {
    if (l.name === clusterLabel) cluster = l.value;
    else if (l.name === replicaLabel) replica = l.value;
  }
  return cluster !== '' && replica !== '' ? { cluster, replica } : undefined;
}

/**
 * `labels` without the replica label, so both replicas' series become one; the cluster label stays.
 * Returns `labels` itself when the label is absent; otherwise a new array (order kept, so sorted
 * input stays sorted). Never modifies `labels`.
 */
export function removeReplicaLabel(labels: Labels, replicaLabel: string): Labels {
  const i = labels.findIndex((l: Label) => l.name === replicaLabel);
  if (i < 0) return labels;
  return [...labels.slice(0, i), ...labels.slice(i + 1)];
}
