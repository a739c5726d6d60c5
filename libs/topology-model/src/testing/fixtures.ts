/**
 * Test support: zeekctl's own test inputs and baselines (copied into test-fixtures/, see NOTICE)
 * and the canonicalisation zeekctl's test suite applies before comparing.
 */
import { readFileSync } from "node:fs";
import { type ClusterConfig, formatProblem, type OptionContext, parseZeekctlFiles } from "@zeekbus/config";
import { buildTopology } from "../topology.js";
import type { Topology, TopologyInputs } from "../types.js";

const ROOT = new URL("../../test-fixtures/", import.meta.url);

/** Reads a fixture input from test-fixtures/etc. */
export function etc(name: string): string {
  return readFileSync(new URL(`etc/${name}`, ROOT), "utf8");
}

/** Reads a baseline without its `### BTest` first line. */
export function baseline(path: string): string {
  const text = readFileSync(new URL(`baseline/${path}`, ROOT), "utf8");
  return text.slice(text.indexOf("\n") + 1);
}

/** The zeekctl.cfg every zeekctl test starts from: the shipped file with the build paths filled in. */
export function baseZeekctlCfg(): string {
  return etc("zeekctl.cfg.in").replace(
    /\$\{(LOGS|SPOOL|ETC)\}/g,
    (_m, dir: string) => `/opt/zeek/${dir.toLowerCase()}`,
  );
}

/** The rendering process fixture tests pretend to be (`$USER` and host name). */
export const RENDER_CONTEXT: Required<OptionContext> = { user: "zeekctltest", hostname: "sensor" };

/** A parsed config from texts; throws (in tests) when it has errors. */
export function configOf(
  zeekctlCfg: string,
  nodeCfg: string,
  networksCfg = etc("networks.cfg__default"),
  ctx: OptionContext = RENDER_CONTEXT,
): ClusterConfig {
  const r = parseZeekctlFiles(
    {
      zeekctlCfg: { text: zeekctlCfg, file: "zeekctl.cfg" },
      nodeCfg: { text: nodeCfg, file: "node.cfg" },
      networksCfg: { text: networksCfg, file: "networks.cfg" },
    },
    ctx,
  );
  if (!r.config) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.config;
}

/** Default inputs used by fixture tests. */
export const INPUTS: TopologyInputs = { hashSeed: "0123abcd", hostEnv: { PATH: "/usr/bin:/bin" } };

/** Builds a topology; throws (in tests) when it has errors. */
export function topologyOf(config: ClusterConfig, inputs: Partial<TopologyInputs> = {}): Topology {
  const r = buildTopology(config, { ...INPUTS, ...inputs });
  if (!r.topology) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.topology;
}

/** zeekctl-config.zeek with the machine-dependent values masked as the zeekctl tests mask them. */
export function maskConfig(text: string): string {
  return text
    .replace(/(table_store_db_directory = )"[^"]*"/, '$1"XXXXXXXX"')
    .replace(/(global_hash_seed = )"[^"]*"/, '$1"XXXXXXXX"')
    .replace(/(default_store_dir = )"[^"]*"/, '$1"XXXXXXXX"')
    .replace(/(FileExtract::prefix = )"[^"]*\/"/, '$1"XXXXXXXX/"');
}

/** CURVE keys as zeekctl's encryption test canonicalises them (`s/".{40}";/"x…x"/`, dropping the `;`). */
export function maskCurveKeys(text: string): string {
  return text.replace(/".{40}";/g, `"${"x".repeat(40)}"`);
}

/** Paths as zeekctl's tests canonicalise them: `/a/b/c` → `<...>/c`, `x/y/z` → `x<...>/z`. */
export function maskPaths(text: string): string {
  return text.replace(/\/[^ \n]*\//g, "<...>/");
}

/** `zeekctl nodes` text with machine-dependent `addr=` masked and zeekctl's hint line dropped. */
export function maskNodes(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("Hint:"))
    .map((l) => l.replace(/ addr=\S*/, " addr=X"))
    .join("\n");
}

/** The lines of `text` that match `pattern`, each with `context` lines around (as the tests' grep -C). */
export function grepContext(text: string, pattern: RegExp, context: number): string {
  const lines = text.split("\n");
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (!pattern.test(l)) return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep.add(j);
  });
  return [...keep]
    .sort((a, b) => a - b)
    .map((i) => `${lines[i]}\n`)
    .join("");
}
