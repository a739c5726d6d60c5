/** Test fixtures: zeekctl-format layouts and configs, traces, zeekctl's argv. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zeekPath } from "./index.js";

export type NodeType = "CONTROL" | "MANAGER" | "LOGGER" | "PROXY" | "WORKER";

export interface NodeSpec {
  name: string;
  type: NodeType;
  port: number;
  metricsPort?: number;
}

export const backendScript = "policy/frameworks/cluster/backend/zeromq";

/** zeekctl's argv for a node (ZEEKCTL-REFERENCE §6.1), without -i. */
export function zeekctlArgs(node: string): string[] {
  return [
    "-U",
    ".status",
    "-p",
    "zeekctl",
    "-p",
    "zeekctl-live",
    "-p",
    "local",
    "-p",
    node,
    backendScript,
    "local.zeek",
    "zeekctl",
    "zeekctl/auto",
  ];
}

/** cluster-layout.zeek exactly as zeekctl renders it. */
export function layoutText(nodes: NodeSpec[], ip = "127.0.0.1"): string {
  const hasLogger = nodes.some((n) => n.type === "LOGGER");
  const lines = nodes.map((n) => {
    const mgr = n.type === "PROXY" || n.type === "WORKER" ? ', $manager="manager"' : "";
    const metrics = n.metricsPort ? `, $metrics_port=${n.metricsPort}/tcp` : "";
    return `\t["${n.name}"] = [$node_type=Cluster::${n.type}, $ip=${ip}, $p=${n.port}/tcp${mgr}${metrics}],`;
  });
  return [
    "# Automatically generated. Do not edit.",
    `redef Cluster::manager_is_logger = ${hasLogger ? "F" : "T"};`,
    "redef Cluster::nodes = {",
    ...lines,
    "};",
    "",
  ].join("\n");
}

/** Per-worker AF_Packet block as zeekctl's af_packet plugin appends it to zeekctl-config.zeek. */
export function afPacketBlock(node: string, settings: Record<string, string>): string {
  const redefs = Object.entries(settings).map(([k, v]) => `  redef AF_Packet::${k} = ${v};`);
  return [`@if( peer_description == "${node}" )`, ...redefs, "@endif", ""].join("\n");
}

export function configText(extra = ""): string {
  return [
    "# Automatically generated. Do not edit.",
    "redef Pcap::snaplen = 9216;",
    "redef Pcap::bufsize = 128;",
    "@if ( |Telemetry::metrics_address| == 0 )",
    'redef Telemetry::metrics_address = "127.0.0.1";',
    "@endif",
    "",
    "# Begin code from cluster_backend_zeromq plugin",
    "@load policy/frameworks/cluster/backend/zeromq/options",
    "# End code from cluster_backend_zeromq plugin",
    extra,
  ].join("\n");
}

/** Writes auto/{cluster-layout,zeekctl-config}.zeek under dir; returns the ZEEKPATH to use. */
export function writeCluster(dir: string, layout: string, config?: string): string {
  const auto = join(dir, "auto");
  mkdirSync(auto, { recursive: true });
  writeFileSync(join(auto, "cluster-layout.zeek"), layout);
  if (config !== undefined) writeFileSync(join(auto, "zeekctl-config.zeek"), config);
  return zeekPath(auto);
}

/** A node's spool dir, without a stale .status, so waiting for RUNNING sees the new process. */
export function spoolDir(dir: string, node: string): string {
  const p = join(dir, "spool", node);
  mkdirSync(p, { recursive: true });
  rmSync(join(p, ".status"), { force: true });
  return p;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Shared traces: env ZEEKBUS_TRACES or <repo>/../shared/traces; undefined when absent. */
export function tracesDir(): string | undefined {
  const dir = process.env.ZEEKBUS_TRACES ?? join(repoRoot, "..", "shared", "traces");
  return existsSync(dir) ? dir : undefined;
}

/** zeekctl's own test baselines (<repo>/../shared/zeekctl-testdata); undefined when absent. */
export function zeekctlTestdata(): string | undefined {
  const dir = join(repoRoot, "..", "shared", "zeekctl-testdata", "baseline");
  return existsSync(dir) ? dir : undefined;
}
