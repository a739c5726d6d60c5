/**
 * Port assignment as zeekctl's `install.py:make_layout`: a counter from ZeekPort (ZeroMQ takes
 * the first two for XPUB/XSUB), then control, manager, loggers, proxies, workers; a second
 * counter from MetricsPort (0 = off) for manager, loggers, proxies, workers.
 */
import { type ClusterConfig, optInt, optString } from "@zeekbus/config";
import type { ExpandedNode, SharedPorts } from "./types.js";

/** True when the cluster backend is ZeroMQ (case-insensitive). */
export function usesZeroMq(config: ClusterConfig): boolean {
  return optString(config.options, "ClusterBackend").toLowerCase() === "zeromq";
}

/** Nodes in layout order: manager, loggers, proxies, workers (each by count). */
export function layoutOrder(nodes: readonly ExpandedNode[]): ExpandedNode[] {
  const rank = { manager: 0, logger: 1, proxy: 2, worker: 3, standalone: 4 } as const;
  return [...nodes].sort((a, b) => rank[a.type] - rank[b.type] || a.count - b.count);
}

/** Assigns `port` and `metricsPort` on the nodes (mutating them) and returns the shared ports. */
export function assignPorts(
  config: ClusterConfig,
  nodes: readonly ExpandedNode[],
  standalone: boolean,
): SharedPorts {
  let port = optInt(config.options, "ZeekPort");
  const shared: SharedPorts = {};
  if (usesZeroMq(config)) {
    shared.xpub = port;
    shared.xsub = port + 1;
    port += 2;
  }
  const metricsBase = optInt(config.options, "MetricsPort");
  if (standalone) {
    shared.standalone = port;
    if (metricsBase !== 0 && nodes[0]) nodes[0].metricsPort = metricsBase;
    return shared;
  }
  shared.control = port++;
  let metrics = metricsBase;
  for (const node of layoutOrder(nodes)) {
    node.port = port++;
    if (metricsBase !== 0) node.metricsPort = metrics++;
  }
  return shared;
}
