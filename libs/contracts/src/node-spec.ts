/**
 * The node spec: everything a process supervisor needs to run one Zeek process exactly as
 * zeekctl would (argv, env, cwd, CPU pinning). Topology renders it from the cluster config;
 * the supervisor of `host` is the only component that runs it.
 */
import { z } from "zod";
import { SAFE_NAME_PATTERN } from "./tokens.js";

/** Zeek cluster roles, as in node.cfg `type=`. */
export const NodeType = z
  .enum(["standalone", "manager", "logger", "proxy", "worker"])
  .describe("Zeek cluster role, as node.cfg `type=`");
export type NodeType = z.infer<typeof NodeType>;

/** Start order of the roles: loggers first, workers last (stop runs in reverse). */
export const START_ORDER: readonly NodeType[] = ["logger", "manager", "proxy", "worker", "standalone"];

/** A real node, host or interface name: no whitespace, path separators or shell metacharacters. */
export const SafeName = z
  .string()
  .min(1)
  .regex(SAFE_NAME_PATTERN, "must contain only A-Z a-z 0-9 . _ : - and start with a letter, digit or ':'")
  .describe("Name safe as a directory name and shell word");

/** AF_PACKET fanout membership of a worker. */
export const FanoutSpec = z
  .object({
    /** Fanout group id (0–65535), unique per (host, interface). */
    id: z.number().int().min(0).max(65535).describe("Fanout group id, unique per (host, interface)"),
    /** Fanout mode as Zeek names it, e.g. `AF_Packet::FANOUT_HASH`. */
    mode: z.string().min(1).describe("Fanout mode, e.g. AF_Packet::FANOUT_HASH"),
    /** The capture interface without the `af_packet::` prefix. */
    interface: SafeName.describe("Capture interface without the af_packet:: prefix"),
  })
  .strict();
export type FanoutSpec = z.infer<typeof FanoutSpec>;

/** One Zeek process to run. */
export const NodeSpec = z
  .object({
    /** Node name (real name, e.g. `worker-1-2`); unique in the cluster. */
    name: SafeName.describe("Node name, unique in the cluster"),
    /** Cluster role. */
    type: NodeType,
    /** The host as written in node.cfg (name or address); its supervisor runs this node. */
    host: SafeName.describe("Host as written in node.cfg; its supervisor runs the node"),
    /** Capture interface as written in node.cfg (workers and standalone only). */
    interface: z.string().min(1).optional().describe("Capture interface as in node.cfg"),
    /** Absolute path of the zeek binary on the host. */
    zeek: z.string().startsWith("/").describe("Absolute path of the zeek binary on the host"),
    /** Arguments after the binary, exactly as zeekctl builds them. */
    argv: z.array(z.string()).describe("Arguments after the binary, as zeekctl builds them"),
    /** Complete environment additions for the process (CLUSTER_NODE, ZEEKPATH, env_vars …). */
    env: z.record(z.string(), z.string()).describe("Environment added to the process"),
    /** Absolute working directory (the node's spool dir). */
    cwd: z.string().startsWith("/").describe("Working directory: the node's spool dir"),
    /** CPUs to pin to with `taskset -c` (pin_cpus); empty means no pinning. */
    pinCpus: z.array(z.number().int().min(0)).default([]).describe("CPUs for taskset -c; empty = no pinning"),
    /** Port of the node's Prometheus endpoint, when it has one. */
    metricsPort: z.number().int().min(1).max(65535).optional().describe("Prometheus metrics port"),
    /** AF_PACKET fanout membership (af_packet workers only). */
    fanout: FanoutSpec.optional(),
    /** Zeek version on the host that the argv was rendered for. */
    zeekVersion: z.string().optional().describe("Zeek version the argv was rendered for"),
  })
  .strict();
export type NodeSpec = z.infer<typeof NodeSpec>;
export type NodeSpecInput = z.input<typeof NodeSpec>;
