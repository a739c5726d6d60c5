/** cluster-layout.zeek and standalone-layout.zeek, byte-equal to zeekctl's `install.py:make_layout`. */
import { type ClusterConfig, optBool, optInt, optString } from "@zeekbus/config";
import { zeekAddr } from "./addresses.js";
import { layoutOrder } from "./ports.js";
import type { ExpandedNode, SharedPorts } from "./types.js";

const HEADER = "# Automatically generated. Do not edit.\n";
const NODE_TYPES = { manager: "MANAGER", logger: "LOGGER", proxy: "PROXY", worker: "WORKER" } as const;

function websocketBlock(config: ClusterConfig): string {
  if (!optBool(config.options, "UseWebSocket")) return "";
  const host = optString(config.options, "WebSocketHost");
  const port = optInt(config.options, "WebSocketPort");
  return (
    "\nevent zeek_init()\n\t{\n" +
    '\tif ( getenv("ZEEKCTL_DISABLE_LISTEN") == "" && (Cluster::local_node_type() == Cluster::MANAGER || ! Cluster::is_enabled()) )\n' +
    `\t\t{\n\t\tCluster::listen_websocket([$listen_addr=${host}, $listen_port=${port}/tcp]);\n\t\t}\n\t}\n`
  );
}

/** Renders cluster-layout.zeek for a cluster (ports must be assigned). */
export function renderClusterLayout(
  config: ClusterConfig,
  nodes: readonly ExpandedNode[],
  ports: SharedPorts,
): string {
  const manager = nodes.find((n) => n.type === "manager");
  const hasLogger = nodes.some((n) => n.type === "logger");
  let out = `${HEADER}redef Cluster::manager_is_logger = ${hasLogger ? "F" : "T"};\nredef Cluster::nodes = {\n`;
  out += `\t["control"] = [$node_type=Cluster::CONTROL, $ip=${zeekAddr(manager?.addr ?? "")}, $p=${ports.control}/tcp],\n`;
  for (const n of layoutOrder(nodes)) {
    if (n.type === "standalone") continue;
    let line = `\t["${n.name}"] = [$node_type=Cluster::${NODE_TYPES[n.type]}, $ip=${zeekAddr(n.addr)}, $p=${n.port}/tcp`;
    if ((n.type === "proxy" || n.type === "worker") && manager) line += `, $manager="${manager.name}"`;
    if (n.metricsPort !== undefined) line += `, $metrics_port=${n.metricsPort}/tcp`;
    out += `${line}],\n`;
  }
  return `${out}};\n${websocketBlock(config)}`;
}

/** Renders standalone-layout.zeek (ports must be assigned). */
export function renderStandaloneLayout(
  config: ClusterConfig,
  node: ExpandedNode,
  ports: SharedPorts,
): string {
  let out = `${HEADER}redef Broker::default_port = ${ports.standalone}/tcp;\n`;
  if (node.metricsPort !== undefined) {
    out += `@if ( getenv("ZEEKCTL_DISABLE_LISTEN") == "" )\nredef Telemetry::metrics_port = ${node.metricsPort}/tcp;\n@endif\n`;
  }
  out +=
    '\nevent zeek_init()\n\t{\n\tif ( getenv("ZEEKCTL_DISABLE_LISTEN") == "" )\n\t\tBroker::listen();\n\t}\n';
  return out + websocketBlock(config);
}
