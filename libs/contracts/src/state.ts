/**
 * Names of the JetStream resources and the key layout of each KV bucket. One owner writes
 * each bucket (see docs/architecture.md); every write is compare-and-set.
 */
import { assertToken, encodeName } from "./tokens.js";

/** Stream holding every `<root>.evt.>` event (limits retention). */
export const EVENTS_STREAM = "ZEEKBUS_EVENTS";

/** KV bucket of desired cluster spec revisions; written only by topology. */
export const DESIRED_BUCKET = "zeekbus_desired";
/** KV bucket of observed node state; each key written only by the owning host's supervisor. */
export const OBSERVED_BUCKET = "zeekbus_observed";
/** KV bucket of host facts; written only by the provisioner. */
export const HOSTS_BUCKET = "zeekbus_hosts";
/** KV bucket of deploy leases (one deploy per cluster at a time); written only by topology. */
export const LEASES_BUCKET = "zeekbus_leases";

/** Key of a cluster's current desired spec: `<cluster>.spec`. */
export function desiredKey(cluster: string): string {
  return `${assertToken(cluster, "cluster")}.spec`;
}

/** Key of one node's observed state: `<cluster>.<host>.<node>`. */
export function observedKey(cluster: string, host: string, node: string): string {
  return `${assertToken(cluster, "cluster")}.${encodeName(host)}.${encodeName(node)}`;
}

/** Key of one host's facts: `<cluster>.<host>`. */
export function hostKey(cluster: string, host: string): string {
  return `${assertToken(cluster, "cluster")}.${encodeName(host)}`;
}

/** Key of a cluster's deploy lease: `<cluster>.deploy`. */
export function deployLeaseKey(cluster: string): string {
  return `${assertToken(cluster, "cluster")}.deploy`;
}
