/**
 * A Zeek cluster on this machine made of zeek-sim processes: a Zeek-like prefix (bin/zeek and
 * share/zeek linked to the stand-in), node specs rendered by topology-model from a node.cfg,
 * and the generated files installed where zeekctl installs them. For supervisor tests.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem, optString, parseZeekctlFiles } from "@zeekbus/config";
import type { NodeSpec } from "@zeekbus/contracts";
import { buildTopology, type Topology } from "@zeekbus/topology-model";
import { zeekSimBin, zeekSimShare } from "@zeekbus/zeek-sim";

/** Options of {@link buildSimCluster}. */
export interface SimClusterOptions {
  /** Empty directory used as ZeekBase. */
  prefix: string;
  nodeCfg: string;
  /** Extra zeekctl.cfg lines (ZeekBase is set to `prefix`). */
  zeekctlCfg?: string;
}

/** Builds the prefix and returns the topology whose specs run zeek-sim. */
export function buildSimCluster(options: SimClusterOptions): { topology: Topology; specs: NodeSpec[] } {
  const { prefix } = options;
  mkdirSync(join(prefix, "bin"), { recursive: true });
  mkdirSync(join(prefix, "share"), { recursive: true });
  symlinkSync(zeekSimBin, join(prefix, "bin", "zeek"));
  symlinkSync(zeekSimShare, join(prefix, "share", "zeek"));
  const parsed = parseZeekctlFiles({
    zeekctlCfg: { text: `ZeekBase = ${prefix}\n${options.zeekctlCfg ?? ""}`, file: "zeekctl.cfg" },
    nodeCfg: { text: options.nodeCfg, file: "node.cfg" },
  });
  const errors = parsed.problems.filter((p) => p.level === "error");
  if (!parsed.config || errors.length > 0) throw new Error(errors.map(formatProblem).join("\n"));
  const built = buildTopology(parsed.config, { hashSeed: "0a1b2c3d" });
  if (!built.topology) throw new Error(built.problems.map(formatProblem).join("\n"));
  const auto = optString(parsed.config.options, "PolicyDirSiteInstallAuto");
  mkdirSync(auto, { recursive: true });
  mkdirSync(optString(parsed.config.options, "PolicyDirSiteInstall"), { recursive: true });
  for (const [name, text] of Object.entries(built.topology.files)) writeFileSync(join(auto, name), text);
  return { topology: built.topology, specs: built.topology.specs };
}
