/** Types of the expanded topology: nodes after lb_procs expansion, ports, fanout groups, files. */
import type { ClusterConfig, SourceRef } from "@zeekbus/config";
import type { NodeSpec, NodeType } from "@zeekbus/contracts";

/** One Zeek process after lb_procs expansion and plugin processing. */
export interface ExpandedNode {
  /** Process name, e.g. `worker-1-3`. */
  name: string;
  type: NodeType;
  /** Host as written. */
  host: string;
  /** Resolved address (zone id stripped). */
  addr: string;
  /** Capture interface after plugins (`af_packet::eth0`, `zc:eth2@0` …). */
  interface?: string;
  /** 1-based index within its type, in definition order. */
  count: number;
  /** The node.cfg section it came from. */
  group: string;
  lbProcs?: number;
  lbMethod?: string;
  /** lb_interfaces as written. */
  lbInterfaces?: string;
  /** CPUs this process is pinned to. */
  pinCpus: number[];
  /** Environment variables: node > global > plugin; values as written (shell-quoted). */
  envVars: Record<string, string>;
  auxScripts?: string;
  /** Plugin and legacy keys as written (`af_packet_fanout_id`, `zone_id` …). */
  extra: Record<string, string>;
  /** Cluster port (absent for standalone). */
  port?: number;
  /** Prometheus port (absent when MetricsPort = 0). */
  metricsPort?: number;
  source: SourceRef;
  /** Line of each key of its node.cfg section. */
  keyLines: Record<string, number>;
}

/** Ports that do not belong to a node. */
export interface SharedPorts {
  /** ZeroMQ XPUB listen port (ZeekPort). */
  xpub?: number;
  /** ZeroMQ XSUB listen port (ZeekPort + 1). */
  xsub?: number;
  /** The `control` pseudo-node's port (clusters only). */
  control?: number;
  /** Broker::default_port of a standalone node. */
  standalone?: number;
}

/** An AF_PACKET fanout group: all af_packet workers on one (host, interface). */
export interface FanoutGroup {
  host: string;
  /** Interface without the `af_packet::` prefix. */
  interface: string;
  /** Fanout id (0–65535). */
  id: number;
  /** How the id was chosen: set in the config, kept from the previous revision, or newly assigned. */
  origin: "explicit" | "previous" | "assigned";
  /** Fanout mode as Zeek names it. */
  mode: string;
  /** Member process names in node order. */
  members: string[];
}

/** A fanout id chosen for (host, interface) in an earlier revision. */
export interface FanoutAssignment {
  host: string;
  interface: string;
  id: number;
}

/** Inputs beyond the config that the topology depends on (all supplied by the caller). */
export interface TopologyInputs {
  /** `global_hash_seed`: 8 hex characters generated once by the caller and kept in state. */
  hashSeed: string;
  /** Address per host as written in node.cfg (default: IP literals as is, `localhost` → 127.0.0.1). */
  addresses?: Record<string, string>;
  /** Zeek version per host (default {@link DEFAULT_ZEEK_VERSION}). */
  zeekVersions?: Record<string, string>;
  /** Fanout ids of the previous revision, kept when still free. */
  previousFanout?: FanoutAssignment[];
  /** Environment of the hosts' shells, used to expand `$VAR` in env_vars (e.g. PATH). */
  hostEnv?: Record<string, string>;
  /** ZeroMQ CURVE keys (Z85), needed when CURVE encryption is on. */
  curveKeys?: { serverPublic: string; serverSecret: string; clientPublic: string; clientSecret: string };
}

/** Zeek version assumed for hosts whose version is not known. */
export const DEFAULT_ZEEK_VERSION = "8.2.0";

/** The complete topology of one revision. */
export interface Topology {
  config: ClusterConfig;
  /** True for a single standalone node. */
  standalone: boolean;
  /** Expanded nodes in zeekctl's `nodes` order (loggers, manager, proxies, workers). */
  nodes: ExpandedNode[];
  ports: SharedPorts;
  fanout: FanoutGroup[];
  /** Generated files by name (`cluster-layout.zeek` or `standalone-layout.zeek`, `zeekctl-config.zeek`, `local-networks.zeek`). */
  files: Record<string, string>;
  /** What each process supervisor runs, in node order. */
  specs: NodeSpec[];
}
