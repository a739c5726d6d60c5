/**
 * Plugin sections of zeekctl-config.zeek: the cluster_backend_zeromq block (endpoints, IPv6,
 * CURVE keys, standalone proxy thread) and the af_packet block (per-worker `@if` redefs).
 */
import { AF_PACKET_KEYS, type ClusterConfig } from "@zeekbus/config";
import { zeekAddr } from "./addresses.js";
import { DEFAULT_FANOUT_ID } from "./fanout.js";
import type { ExpandedNode, FanoutGroup, SharedPorts, TopologyInputs } from "./types.js";

/** Wraps a plugin's code as zeekctl does. */
export function pluginSection(name: string, code: string): string {
  return `\n# Begin code from ${name} plugin\n${code}\n# End code from ${name} plugin\n`;
}

function curveBlock(keys: NonNullable<TopologyInputs["curveKeys"]>): string {
  const one = (which: string, value: string) =>
    `@if ( |Cluster::Backend::ZeroMQ::curve_${which}| == 0 )\nredef Cluster::Backend::ZeroMQ::curve_${which} = "${value}";\n@endif\n`;
  return (
    "\n# Public and secret server keys for ZeroMQ CURVE encryption.\n" +
    one("server_publickey", keys.serverPublic) +
    one("server_secretkey", keys.serverSecret) +
    "\n# Public and secret client keys for ZeroMQ CURVE encryption.\n" +
    one("client_publickey", keys.clientPublic) +
    one("client_secretkey", keys.clientSecret)
  );
}

/**
 * True when CURVE encryption is on: `1`/`true`, or `auto` with more than one distinct node
 * address (the option's value is checked when options are resolved).
 */
export function curveEnabled(config: ClusterConfig, nodes: readonly ExpandedNode[]): boolean {
  const setting = (config.options.plugin["cluster_backend_zeromq.use_curve_encryption"] ?? "auto")
    .toLowerCase()
    .trim();
  if (setting === "auto") return new Set(nodes.map((n) => n.addr)).size > 1;
  return setting === "1" || setting === "true";
}

/** The cluster_backend_zeromq plugin's code. */
export function zeroMqCode(
  nodes: readonly ExpandedNode[],
  ports: SharedPorts,
  standalone: boolean,
  curve: TopologyInputs["curveKeys"],
): string {
  const center = nodes.find((n) => n.type === (standalone ? "standalone" : "manager"));
  const addr = zeekAddr(center?.addr ?? "127.0.0.1");
  const ipv6 = nodes.some((n) => n.addr.includes(":"));
  const ep = (p: number | undefined) => `"tcp://${addr}:${p}"`;
  let code =
    "# Configure ZeroMQ\n@load policy/frameworks/cluster/backend/zeromq/options\n\n" +
    `redef Cluster::Backend::ZeroMQ::listen_xpub_endpoint = ${ep(ports.xpub)};\n` +
    `redef Cluster::Backend::ZeroMQ::listen_xsub_endpoint = ${ep(ports.xsub)};\n` +
    `redef Cluster::Backend::ZeroMQ::connect_xpub_endpoint = ${ep(ports.xsub)};\n` +
    `redef Cluster::Backend::ZeroMQ::connect_xsub_endpoint = ${ep(ports.xpub)};\n\n` +
    `redef Cluster::Backend::ZeroMQ::ipv6 = ${ipv6 ? "T" : "F"};\n`;
  if (curve) code += curveBlock(curve);
  if (standalone) {
    code +=
      "\n# Standalone: Run the XPUB/XSUB thread in standalone mode\n" +
      "redef Cluster::Backend::ZeroMQ::run_proxy_thread = T;\n\n" +
      "# Standalone: Subscribe to zeek.cluster.node.zeek.\n" +
      "#             for controllee WebSocket interactions.\n" +
      'event zeek_init()\n\t{\n\tCluster::subscribe("zeek.cluster.node.zeek.");\n\t}';
  }
  return code;
}

/**
 * The af_packet plugin's code: for each af_packet worker with af_packet_* keys (zeekctl renders
 * those for lb_procs workers) or a fanout id other than Zeek's default, an `@if` block.
 */
export function afPacketCode(nodes: readonly ExpandedNode[], fanout: readonly FanoutGroup[]): string {
  let code = "";
  for (const n of nodes) {
    const group = fanout.find((g) => g.members.includes(n.name));
    if (!group) continue;
    const values = new Map<string, string>();
    if (n.lbProcs !== undefined) {
      for (const key of AF_PACKET_KEYS) {
        const v = n.extra[`af_packet_${key}`];
        if (v !== undefined) values.set(key, v);
      }
    }
    if (group.origin !== "explicit" && group.id !== DEFAULT_FANOUT_ID)
      values.set("fanout_id", String(group.id));
    if (values.size === 0) continue;
    code += `\n@if( peer_description == "${n.name}" ) \n`;
    for (const key of AF_PACKET_KEYS)
      if (values.has(key)) code += `  redef AF_Packet::${key} = ${values.get(key)};\n`;
    code += "@endif";
  }
  return code;
}
