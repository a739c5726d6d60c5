/**
 * The node spec: everything a process supervisor needs to run one Zeek process exactly as
 * zeekctl would (argv, env, cwd, CPU pinning). Topology renders it from the cluster config;
 * the supervisor of `host` is the only component that runs it.
 */
import { z } from "zod";
import {
  AbsolutePath,
  Arg,
  boundedRecord,
  CpuId,
  MAX_ARG,
  MAX_ARGV,
  MAX_CPUS,
  MAX_ENV,
  MAX_HOST_NAME,
  MAX_INTERFACE_NAME,
  MAX_NODE_NAME,
  Port,
  ShortText,
} from "./limits.js";
import { SAFE_NAME_PATTERN } from "./tokens.js";

/** Zeek cluster roles, as in node.cfg `type=`. */
export const NodeType = z
  .enum(["standalone", "manager", "logger", "proxy", "worker"])
  .describe("Zeek cluster role, as node.cfg `type=`");
export type NodeType = z.infer<typeof NodeType>;

/** Start order of the roles: loggers first, workers last (stop runs in reverse). */
export const START_ORDER: readonly NodeType[] = ["logger", "manager", "proxy", "worker", "standalone"];

/**
 * A real node, host or interface name: no whitespace, path separators or shell metacharacters,
 * and no longer than a host name may be. {@link NodeName}, {@link HostName} and
 * {@link InterfaceName} narrow it to their own bounds.
 */
export const SafeName = safeName(MAX_HOST_NAME).describe("Name safe as a directory name and shell word");

function safeName(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(SAFE_NAME_PATTERN, "must contain only A-Z a-z 0-9 . _ : - and start with a letter, digit or ':'");
}

/** A node name (expanded, e.g. `worker-1-2`): at most {@link MAX_NODE_NAME} characters. */
export const NodeName = safeName(MAX_NODE_NAME).describe("Node name");
/** A host as written in node.cfg (name or address): at most {@link MAX_HOST_NAME} characters. */
export const HostName = safeName(MAX_HOST_NAME).describe("Host as written in node.cfg");
/** A kernel interface name (`eth0`): at most {@link MAX_INTERFACE_NAME} characters (IFNAMSIZ). */
export const InterfaceName = safeName(MAX_INTERFACE_NAME).describe("Kernel interface name");

/** AF_PACKET fanout membership of a worker. */
export const FanoutSpec = z
  .object({
    /** Fanout group id (0–65535), unique per (host, interface). */
    id: z.number().int().min(0).max(65535).describe("Fanout group id, unique per (host, interface)"),
    /** Fanout mode as Zeek names it, e.g. `AF_Packet::FANOUT_HASH`. */
    mode: z.string().min(1).max(MAX_ARG).describe("Fanout mode, e.g. AF_Packet::FANOUT_HASH"),
    /** The capture interface without the `af_packet::` prefix. */
    interface: InterfaceName.describe("Capture interface without the af_packet:: prefix"),
  })
  .strict();
export type FanoutSpec = z.infer<typeof FanoutSpec>;

/** One Zeek process to run. */
export const NodeSpec = z
  .object({
    /** Node name (real name, e.g. `worker-1-2`); unique in the cluster. */
    name: NodeName.describe("Node name, unique in the cluster"),
    /** Cluster role. */
    type: NodeType,
    /** The host as written in node.cfg (name or address); its supervisor runs this node. */
    host: HostName.describe("Host as written in node.cfg; its supervisor runs the node"),
    /** Capture interface as written in node.cfg, after the plugins' prefixes (workers and standalone only). */
    interface: z.string().min(1).max(MAX_ARG).optional().describe("Capture interface as in node.cfg"),
    /** Absolute path of the zeek binary on the host. */
    zeek: AbsolutePath.describe("Absolute path of the zeek binary on the host"),
    /** Arguments after the binary, exactly as zeekctl builds them. */
    argv: z.array(Arg).max(MAX_ARGV).describe("Arguments after the binary, as zeekctl builds them"),
    /** Complete environment additions for the process (CLUSTER_NODE, ZEEKPATH, env_vars …). */
    env: boundedRecord(Arg, Arg, MAX_ENV).describe("Environment added to the process"),
    /** Absolute working directory (the node's spool dir). */
    cwd: AbsolutePath.describe("Working directory: the node's spool dir"),
    /** CPUs to pin to with `taskset -c` (pin_cpus); empty means no pinning. */
    pinCpus: z.array(CpuId).max(MAX_CPUS).default([]).describe("CPUs for taskset -c; empty = no pinning"),
    /** Port of the node's Prometheus endpoint, when it has one. */
    metricsPort: Port.optional().describe("Prometheus metrics port"),
    /** AF_PACKET fanout membership (af_packet workers only). */
    fanout: FanoutSpec.optional(),
    /** Zeek version on the host that the argv was rendered for. */
    zeekVersion: ShortText.optional().describe("Zeek version the argv was rendered for"),
  })
  .strict();
export type NodeSpec = z.infer<typeof NodeSpec>;
export type NodeSpecInput = z.input<typeof NodeSpec>;
