/**
 * The cluster model both input formats produce: zeekctl's files or a native YAML/JSON spec
 * become the same {@link ClusterConfig}.
 */
import type { NodeType } from "@zeekbus/contracts";
import type { Problem } from "./problem.js";
import type { ZeekctlOptions } from "./resolve-options.js";

/** Load-balancing methods of node.cfg `lb_method`. */
export const LB_METHODS = ["af_packet", "pf_ring", "myricom", "custom", "interfaces"] as const;
/** One of {@link LB_METHODS}. */
export type LbMethod = (typeof LB_METHODS)[number];

/** Where a declaration came from. */
export interface SourceRef {
  file: string;
  /** 1-based line (0 = unknown / whole file). */
  line: number;
}

/** A node as declared (before lb_procs expansion), validated. */
export interface NodeDecl {
  /** Section name, e.g. `worker-1`. */
  name: string;
  type: NodeType;
  /** Host as written (name or address). */
  host: string;
  /** Capture interface as written. */
  interface?: string;
  /** Number of processes (lb_procs). */
  lbProcs?: number;
  lbMethod?: LbMethod;
  /** lb_interfaces exactly as written (zeekctl's `nodes` prints it raw). */
  lbInterfaces?: string;
  /** CPUs from pin_cpus, in order. */
  pinCpus: number[];
  /** env_vars in file order; values keep their quotes (the shell interprets them). */
  envVars: Record<string, string>;
  /** aux_scripts as written. */
  auxScripts?: string;
  /** Other keys zeekctl knows: plugin keys (`af_packet_fanout_id` …), `zone_id`, `zeekbase`, `ether`. */
  extra: Record<string, string>;
  /** The section header. */
  source: SourceRef;
  /** Line of each key, for later problems (e.g. a fanout id clash). */
  keyLines: Record<string, number>;
}

/** One networks.cfg entry. */
export interface LocalNetwork {
  /** Network in CIDR notation as written, e.g. `10.0.0.0/8` or `fe80::/64`. */
  cidr: string;
  /** Free text after the network. */
  tag?: string;
  source: SourceRef;
}

/** The whole cluster: options, declared nodes, local networks and the files they came from. */
export interface ClusterConfig {
  options: ZeekctlOptions;
  nodes: NodeDecl[];
  networks: LocalNetwork[];
  /** Names of the files each part came from. */
  files: { options: string; nodes: string; networks: string };
}

/** What every entry point returns: a config when there are no errors, and all problems. */
export interface ConfigResult {
  config?: ClusterConfig;
  problems: Problem[];
}
