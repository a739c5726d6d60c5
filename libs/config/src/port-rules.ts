/**
 * The ports a cluster takes, checked before anything is expanded. zeekctl (`install.py:make_layout`)
 * counts up from ZeekPort — XPUB and XSUB first with ZeroMQ, then the control port (not for a
 * standalone node), then one port per node — and from MetricsPort (0 = off) one port per node.
 * Every one of them must be a TCP port (1–65535); zeekctl itself never checks.
 */
import { MAX_PORT } from "@zeekbus/contracts";
import type { NodeDecl } from "./model.js";
import { error, type Problem } from "./problem.js";
import { optInt, optString, type ZeekctlOptions } from "./resolve-options.js";
import type { RawOption } from "./zeekctl-cfg.js";

const PORT_OPTIONS = [
  { name: "ZeekPort", zeroOff: false },
  { name: "MetricsPort", zeroOff: true },
  { name: "WebSocketPort", zeroOff: false },
] as const;

const isPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_PORT;

/** ZeekPort, MetricsPort (0 = off) and WebSocketPort must each be a port, reported at their line. */
export function checkPortOptions(
  options: ZeekctlOptions,
  entries: Map<string, RawOption>,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const { name, zeroOff } of PORT_OPTIONS) {
    const value = optInt(options, name);
    if (isPort(value) || (zeroOff && value === 0)) continue;
    const range = zeroOff ? `0 (off) or a port from 1 to ${MAX_PORT}` : `a port from 1 to ${MAX_PORT}`;
    const line = entries.get(name.toLowerCase())?.line ?? 0;
    problems.push(error(file, line, `zeekctl option '${name}' must be ${range}, not ${value}`));
  }
  return problems;
}

/**
 * The first declaration (in file order) with which the cluster's processes no longer fit below
 * port 65535, from ZeekPort or from MetricsPort; reported at its `lb_procs` line (or its section).
 * Counts declarations, never expands them.
 */
export function checkClusterPorts(nodes: readonly NodeDecl[], options: ZeekctlOptions): Problem[] {
  const zeekPort = optInt(options, "ZeekPort");
  const metricsPort = optInt(options, "MetricsPort");
  const standalone = nodes.length === 1 && nodes[0]?.type === "standalone";
  const zeroMq = optString(options, "ClusterBackend").toLowerCase() === "zeromq";
  const base = isPort(zeekPort) ? zeekPort : 1;
  const firstNodePort = base + (zeroMq ? 2 : 0) + (standalone ? 0 : 1);
  let processes = 0;
  for (const node of nodes) {
    processes += node.lbProcs ?? 1;
    const last = firstNodePort + processes - 1;
    const lastMetrics = isPort(metricsPort) ? metricsPort + processes - 1 : 0;
    const [from, value, end] =
      last > MAX_PORT ? ["ZeekPort", base, last] : ["MetricsPort", metricsPort, lastMetrics];
    if (end <= MAX_PORT) continue;
    const line = node.keyLines.lb_procs ?? node.source.line;
    return [
      error(
        node.source.file,
        line,
        `node '${node.name}' brings the cluster to ${processes} processes: their ports from ${from} ${value} would reach ${end}, past ${MAX_PORT}`,
      ),
    ];
  }
  return [];
}
