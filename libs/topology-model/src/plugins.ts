/**
 * Node mutations of zeekctl's built-in load-balancing plugins, in zeekctl's plugin order:
 * lb_custom, lb_myricom, lb_pf_ring, then zzz_af_packet. Plugin env vars never override
 * node or global ones.
 */
import { type ClusterConfig, optInt, optString, type Problem } from "@zeekbus/config";
import type { ExpandedNode } from "./types.js";

const PF_RING_TYPES: Record<string, string> = {
  "2-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_2_TUPLE",
  "4-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_4_TUPLE",
  "5-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_5_TUPLE",
  "tcp-5-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_FLOW_TCP_5_TUPLE",
  "6-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_FLOW",
  "inner-2-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_INNER_FLOW_2_TUPLE",
  "inner-4-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_INNER_FLOW_4_TUPLE",
  "inner-5-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_INNER_FLOW_5_TUPLE",
  "inner-tcp-5-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_INNER_FLOW_TCP_5_TUPLE",
  "inner-6-tuple": "PCAP_PF_RING_USE_CLUSTER_PER_INNER_FLOW",
};

const setDefault = (node: ExpandedNode, key: string, value: string) => {
  if (!(key in node.envVars)) node.envVars[key] = value;
};

const lbWorkers = (nodes: ExpandedNode[], method: string) =>
  nodes.filter((n) => n.type === "worker" && n.lbProcs !== undefined && n.lbMethod === method);

function applyCustom(config: ClusterConfig, nodes: ExpandedNode[]): void {
  const prefix = config.options.plugin["lb_custom.interfaceprefix"] ?? "";
  const suffix = config.options.plugin["lb_custom.interfacesuffix"] ?? "";
  for (const n of lbWorkers(nodes, "custom"))
    if (n.interface !== undefined) n.interface = `${prefix}${n.interface}${suffix}`;
}

function applyMyricom(nodes: ExpandedNode[]): void {
  for (const n of lbWorkers(nodes, "myricom")) {
    setDefault(n, "SNF_NUM_RINGS", String(n.lbProcs));
    setDefault(n, "SNF_FLAGS", "0x101");
  }
}

function applyPfRing(config: ClusterConfig, nodes: ExpandedNode[], problems: Problem[]): void {
  const workers = lbWorkers(nodes, "pf_ring");
  const clusterId = optInt(config.options, "PFRINGClusterID");
  if (clusterId === 0 || workers.length === 0) return;
  const typeName = optString(config.options, "PFRINGClusterType");
  const typeEnv = PF_RING_TYPES[typeName];
  if (typeEnv === undefined) {
    problems.push({
      level: "warning",
      file: config.files.options,
      line: 0,
      message: `PFRINGClusterType "${typeName}" not supported`,
    });
    return;
  }
  const ids = new Map<string, number>();
  const perHost = new Map<string, number>();
  const appInstance = new Map<string, number>();
  for (const n of workers) {
    const iface = n.interface ?? "";
    const plain = iface.replace(/^pf_ring::/, "");
    const key = `${n.host}\u0000${iface}`;
    if (/^(zc:|dna)/.test(plain) || plain.startsWith("dnacl")) {
      const inst = appInstance.get(key) ?? optInt(config.options, "PFRINGFirstAppInstance");
      appInstance.set(key, inst + 1);
      if (plain.startsWith("zc:")) setDefault(n, "PCAP_PF_RING_ZC_RSS", "1");
      else if (!plain.startsWith("dnacl")) setDefault(n, "PCAP_PF_RING_DNA_RSS", "1");
      n.interface = `${iface}@${inst}`;
      continue;
    }
    if (!ids.has(key)) {
      const used = perHost.get(n.host) ?? 0;
      ids.set(key, clusterId + used);
      perHost.set(n.host, used + 1);
    }
    setDefault(n, typeEnv, "1");
    setDefault(n, "PCAP_PF_RING_CLUSTER_ID", String(ids.get(key)));
    setDefault(n, "PCAP_PF_RING_APPNAME", `zeek-${iface}`);
  }
}

function applyAfPacket(nodes: ExpandedNode[], problems: Problem[]): void {
  for (const n of lbWorkers(nodes, "af_packet")) {
    if (n.interface === undefined) continue;
    if (n.interface.startsWith("af_packet::")) {
      if (problems.some((p) => p.message.startsWith(`node '${n.group}' `))) continue;
      problems.push({
        level: "error",
        file: n.source.file,
        line: n.keyLines.interface ?? n.source.line,
        message: `node '${n.group}' config: interface '${n.interface}' must not have the af_packet:: prefix with lb_method=af_packet`,
      });
    } else n.interface = `af_packet::${n.interface}`;
  }
}

/** Runs the load-balancing plugins over expanded nodes (mutating them); returns plugin problems. */
export function applyPlugins(config: ClusterConfig, nodes: ExpandedNode[]): Problem[] {
  const problems: Problem[] = [];
  applyCustom(config, nodes);
  applyMyricom(nodes);
  applyPfRing(config, nodes, problems);
  applyAfPacket(nodes, problems);
  return problems;
}
