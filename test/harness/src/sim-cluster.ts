/**
 * A Zeek cluster on this machine made of zeek-sim processes: a Zeek-like prefix (bin/zeek and
 * share/zeek linked to the stand-in), node specs rendered by topology-model from a node.cfg,
 * and the generated files installed where zeekctl installs them. For supervisor tests.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { formatProblem, optString, parseZeekctlFiles } from "@zeekbus/config";
import type { NodeSpec } from "@zeekbus/contracts";
import { buildTopology, type Topology } from "@zeekbus/topology-model";
import { zeekSimBin, zeekSimShare } from "@zeekbus/zeek-sim";

/** Fixed ZeroMQ CURVE keys (Z85): multi-host clusters turn encryption on; zeek-sim ignores it. */
const TEST_CURVE_KEYS = {
  serverPublic: "a".repeat(40),
  serverSecret: "b".repeat(40),
  clientPublic: "c".repeat(40),
  clientSecret: "d".repeat(40),
};

/** node.cfg of a small cluster on this machine: logger, manager, proxy, two af_packet workers on `lo`. */
export const LOCAL_CLUSTER_NODE_CFG = `[logger]
type=logger
host=localhost
[manager]
type=manager
host=localhost
[proxy-1]
type=proxy
host=localhost
[worker-1]
type=worker
host=localhost
interface=lo
lb_method=af_packet
lb_procs=2
`;

/** Options of {@link buildSimCluster}. */
export interface SimClusterOptions {
  /** ZeekBase as the nodes see it. */
  prefix: string;
  /**
   * Per host (as node.cfg names it), the local directory that backs `prefix` on that host
   * (a lab host's private dir). Without it, `prefix` itself is written, once.
   */
  hostDirs?: Record<string, string>;
  nodeCfg: string;
  /** Extra zeekctl.cfg lines (ZeekBase is set to `prefix`). */
  zeekctlCfg?: string;
}

/** Links the stand-in into a prefix and installs the generated files under it. */
function installPrefix(
  local: string,
  prefix: string,
  auto: string,
  site: string,
  files: Record<string, string>,
) {
  const here = (path: string) => join(local, relative(prefix, path));
  mkdirSync(join(local, "bin"), { recursive: true });
  mkdirSync(join(local, "share"), { recursive: true });
  symlinkSync(zeekSimBin, join(local, "bin", "zeek"));
  symlinkSync(zeekSimShare, join(local, "share", "zeek"));
  mkdirSync(here(auto), { recursive: true });
  mkdirSync(here(site), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(here(auto), name), text);
}

/** Builds the prefix (on every host) and returns the topology whose specs run zeek-sim. */
export function buildSimCluster(options: SimClusterOptions): { topology: Topology; specs: NodeSpec[] } {
  const { prefix } = options;
  const parsed = parseZeekctlFiles({
    zeekctlCfg: { text: `ZeekBase = ${prefix}\n${options.zeekctlCfg ?? ""}`, file: "zeekctl.cfg" },
    nodeCfg: { text: options.nodeCfg, file: "node.cfg" },
  });
  const errors = parsed.problems.filter((p) => p.level === "error");
  if (!parsed.config || errors.length > 0) throw new Error(errors.map(formatProblem).join("\n"));
  const built = buildTopology(parsed.config, { hashSeed: "0a1b2c3d", curveKeys: TEST_CURVE_KEYS });
  if (!built.topology) throw new Error(built.problems.map(formatProblem).join("\n"));
  const auto = optString(parsed.config.options, "PolicyDirSiteInstallAuto");
  const site = optString(parsed.config.options, "PolicyDirSiteInstall");
  for (const local of options.hostDirs ? Object.values(options.hostDirs) : [prefix]) {
    installPrefix(local, prefix, auto, site, built.topology.files);
  }
  return { topology: built.topology, specs: built.topology.specs };
}
