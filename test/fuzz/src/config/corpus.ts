/**
 * The seeds the config fuzzer mutates: zeekctl's own test inputs (the fixtures of libs/config
 * and libs/topology-model, deduplicated), the example cluster, and YAML spec documents made
 * from those node.cfg files (so both dialects start from the same clusters).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIni, parseNetworksCfg } from "@zeekbus/config";
import { repoRoot } from "@zeekbus/lab";
import { stringify } from "yaml";

/** One seed document set: the zeekctl triple, or a single YAML file. */
export type Seed =
  | { kind: "zeekctl"; name: string; zeekctlCfg: string; nodeCfg: string; networksCfg: string }
  | { kind: "yaml"; name: string; text: string };

const FIXTURE_DIRS = ["libs/config/test-fixtures/etc", "libs/topology-model/test-fixtures/etc"];

/** zeekctl.cfg.in with the build's directories filled in, as zeekctl's tests install it. */
function installedCfg(text: string): string {
  return text.replace(/\$\{(LOGS|SPOOL|ETC)\}/g, (_m, dir: string) => `/opt/zeek/${dir.toLowerCase()}`);
}

/** Every fixture file by name (first directory wins; identical copies are read once). */
function fixtures(root: string): Map<string, string> {
  const byName = new Map<string, string>();
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (!byName.has(name)) byName.set(name, readFileSync(join(root, dir, name), "utf8"));
    }
  }
  return byName;
}

/** A node.cfg (and networks.cfg) as a native spec document. */
function yamlOf(nodeCfg: string, networksCfg: string, options: Record<string, string | number>): string {
  const nodes = parseIni(nodeCfg, "node.cfg").sections.map((s) => {
    const node: Record<string, unknown> = { name: s.name };
    for (const [key, v] of s.entries) node[key] = /^[0-9]+$/.test(v.value) ? Number(v.value) : v.value;
    return node;
  });
  const networks = parseNetworksCfg(networksCfg, "networks.cfg").networks.map((n) =>
    n.tag ? `${n.cidr} ${n.tag}` : n.cidr,
  );
  return stringify({ options, nodes, ...(networks.length > 0 ? { networks } : {}) });
}

/** Builds the seed list from the repository's fixtures and examples. */
export function loadSeeds(root = repoRoot()): Seed[] {
  const files = fixtures(root);
  const of = (prefix: string) => [...files.keys()].filter((n) => n.startsWith(prefix));
  const cfgs = [
    installedCfg(files.get("zeekctl.cfg.in") ?? ""),
    ...of("zeekctl.cfg__").map((n) => files.get(n)!),
  ];
  const nets = of("networks.cfg__").map((n) => files.get(n)!);
  const seeds: Seed[] = [];
  of("node.cfg__").forEach((name, i) => {
    const nodeCfg = files.get(name)!;
    const networksCfg = nets[i % nets.length] ?? "";
    seeds.push({ kind: "zeekctl", name, zeekctlCfg: cfgs[i % cfgs.length]!, nodeCfg, networksCfg });
    seeds.push({
      kind: "yaml",
      name: `${name}.yaml`,
      text: yamlOf(nodeCfg, networksCfg, { ZeekPort: 27760 }),
    });
  });
  const example = join(root, "examples/cluster/etc");
  const read = (f: string) => readFileSync(join(example, f), "utf8");
  seeds.push({
    kind: "zeekctl",
    name: "examples/cluster/etc",
    zeekctlCfg: read("zeekctl.cfg"),
    nodeCfg: read("node.cfg"),
    networksCfg: read("networks.cfg"),
  });
  seeds.push({
    kind: "yaml",
    name: "examples/cluster/etc.yaml",
    text: yamlOf(read("node.cfg"), read("networks.cfg"), { ClusterBackend: "ZeroMQ", MetricsPort: 9991 }),
  });
  return seeds;
}
