/**
 * zeekbus's bounds on node.cfg values, from the limits of the system each value ends up in.
 * Checked before anything is expanded, so `lb_procs=100000000` costs one comparison, not a
 * hundred million nodes.
 *
 * - `lb_procs` of an AF_PACKET worker: at most 256. Zeek's AF_Packet source joins its fanout
 *   group with the 4-byte `PACKET_FANOUT` argument, for which the kernel sizes a group to its
 *   legacy maximum of 256 members (net/packet/af_packet.c, `fanout_add`); the 257th worker
 *   would fail with ENOSPC.
 * - `lb_procs` of any worker: at most 65535, one port each (the cluster-wide port range is
 *   checked with the cluster's options in port-rules.ts).
 * - A cluster of at most {@link MAX_CLUSTER_NODES} processes on at most {@link MAX_CLUSTER_HOSTS}
 *   hosts, and at most {@link NODE_ENV_VARS} `env_vars` per node (with zeekctl.cfg's `env_vars`
 *   and the few zeekbus sets, a node's environment stays within {@link MAX_ENV} keys): the
 *   bounds of every message that carries a cluster's nodes, hosts and environment.
 * - CPU ids in `pin_cpus` below {@link MAX_CPUS}, the most CPUs a Linux kernel supports (whether
 *   the host has them is checked at deploy, against its facts).
 * - Node names at most {@link MAX_NODE_NAME} characters after expansion (`worker-1-12`), host
 *   names at most {@link MAX_HOST_NAME}, kernel interface names at most
 *   {@link MAX_INTERFACE_NAME} (IFNAMSIZ), and no value longer than {@link MAX_ARG}
 *   (MAX_ARG_STRLEN: the longest argv or environment string a process can be given).
 */
import {
  MAX_ARG,
  MAX_CLUSTER_HOSTS,
  MAX_CLUSTER_NODES,
  MAX_CPUS,
  MAX_ENV,
  MAX_HOST_NAME,
  MAX_INTERFACE_NAME,
  MAX_NODE_NAME,
  MAX_PORT,
} from "@zeekbus/contracts";

/** Most members of one AF_PACKET fanout group as Zeek joins it (the kernel's legacy PACKET_FANOUT_MAX). */
export const AF_PACKET_FANOUT_MEMBERS = 256;

const AF_PACKET = "af_packet::";

/** Most `env_vars` of one node, and of zeekctl.cfg's `env_vars` (together below {@link MAX_ENV}). */
export const NODE_ENV_VARS = 400;

/** Why `count` environment variables are too many, or undefined. */
export function envVarsLimit(count: number): string | undefined {
  if (count <= NODE_ENV_VARS) return undefined;
  return `sets ${count} environment variables; at most ${NODE_ENV_VARS} are allowed`;
}

/**
 * The first declaration (in file order) with which the cluster passes {@link MAX_CLUSTER_NODES}
 * processes or {@link MAX_CLUSTER_HOSTS} hosts, as a message and the line to report it at.
 */
export function clusterSizeLimit(
  nodes: readonly { name: string; host: string; lbProcs?: number; line: number }[],
): { line: number; message: string } | undefined {
  let processes = 0;
  const hosts = new Set<string>();
  for (const node of nodes) {
    processes += node.lbProcs ?? 1;
    hosts.add(node.host.toLowerCase());
    if (processes > MAX_CLUSTER_NODES) {
      return {
        line: node.line,
        message: `node '${node.name}' brings the cluster to ${processes} processes; a cluster has at most ${MAX_CLUSTER_NODES}`,
      };
    }
    if (hosts.size > MAX_CLUSTER_HOSTS) {
      return {
        line: node.line,
        message: `node '${node.name}' brings the cluster to ${hosts.size} hosts; a cluster has at most ${MAX_CLUSTER_HOSTS}`,
      };
    }
  }
  return undefined;
}

/** Why `lb_procs = n` is too many for node `name`, or undefined. */
export function lbProcsLimit(name: string, n: number, method: string | undefined, iface: string | undefined) {
  const fanout = method === "af_packet" || iface?.startsWith(AF_PACKET) === true;
  if (fanout && n > AF_PACKET_FANOUT_MEMBERS) {
    return `number of load-balanced processes must be at most ${AF_PACKET_FANOUT_MEMBERS} for node '${name}' (an AF_PACKET fanout group has at most ${AF_PACKET_FANOUT_MEMBERS} members)`;
  }
  if (n > MAX_PORT) {
    return `number of load-balanced processes must be at most ${MAX_PORT} for node '${name}' (each process needs a port)`;
  }
  return undefined;
}

const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Why node name `name` (with `lbProcs` processes) is too long, or undefined. */
export function nodeNameLimit(name: string, lbProcs: number | undefined): string | undefined {
  const longest = lbProcs === undefined ? name : `${name}-${lbProcs}`;
  if (longest.length <= MAX_NODE_NAME) return undefined;
  const expanded = longest === name ? "" : ` as '${shown(longest)}' after lb_procs expansion`;
  return `node name '${shown(name)}' is ${longest.length} characters long${expanded}; at most ${MAX_NODE_NAME} are allowed`;
}

/** Why host `host` is too long, or undefined. */
export function hostNameLimit(host: string): string | undefined {
  if (host.length <= MAX_HOST_NAME) return undefined;
  return `is ${host.length} characters long; a host name has at most ${MAX_HOST_NAME}`;
}

/**
 * Why a capture interface names a kernel interface longer than IFNAMSIZ allows, or undefined.
 * Only plain names (`eth0`) and `af_packet::<name>` name a kernel interface as they stand; other
 * capture sources (`pf_ring::zc:eth0@1`, `netmap:…`) are handed to Zeek as written.
 */
export function interfaceLimit(iface: string): string | undefined {
  const kernel = iface.startsWith(AF_PACKET) ? iface.slice(AF_PACKET.length) : iface;
  if (/[:@{}]/.test(kernel) || kernel.length <= MAX_INTERFACE_NAME) return undefined;
  return `names a kernel interface of ${kernel.length} characters; Linux allows at most ${MAX_INTERFACE_NAME} (IFNAMSIZ)`;
}

/** Why a `pin_cpus` list (non-negative integers) names a CPU no Linux host has, or undefined. */
export function pinCpusLimit(name: string, cpus: readonly number[]): string | undefined {
  const beyond = cpus.find((c) => c >= MAX_CPUS);
  if (beyond === undefined) return undefined;
  return `pin cpus list of node '${name}' names CPU ${beyond}; Linux has at most ${MAX_CPUS} CPUs (0-${MAX_CPUS - 1})`;
}

/** Why a value is too long to be handed to a process, or undefined. */
export function valueLimit(value: string): string | undefined {
  if (value.length <= MAX_ARG) return undefined;
  return `is ${value.length} characters long; a process argument or environment value has at most ${MAX_ARG} (MAX_ARG_STRLEN)`;
}
