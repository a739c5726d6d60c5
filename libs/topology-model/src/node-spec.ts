/**
 * Per-node process specs: argv, environment and working directory as zeekctl's start helper and
 * run-zeek would produce them (ZEEKCTL-REFERENCE §6.1–6.2), as contracts' {@link NodeSpec}.
 */
import { type ClusterConfig, optString, type Problem } from "@zeekbus/config";
import { NodeSpec } from "@zeekbus/contracts";
import { backendScript, zeekArgv } from "./argv.js";
import { usesZeroMq } from "./ports.js";
import { shellValue } from "./shell.js";
import { DEFAULT_ZEEK_VERSION, type ExpandedNode, type FanoutGroup, type TopologyInputs } from "./types.js";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** `ZEEKPATH` as zeekctl's set-zeek-path builds it (with its empty element). */
export function zeekPath(config: ClusterConfig): string {
  const s = (n: string) => optString(config.options, n);
  const policy = s("PolicyDir");
  return [
    s("PolicyDirSiteInstall"),
    "",
    s("PolicyDirSiteInstallAuto"),
    policy,
    `${policy}/policy`,
    `${policy}/site`,
    `${policy}/builtin-plugins`,
  ].join(":");
}

/** Env var names in zeekctl's `-v` order: CLUSTER_NODE first, then env_vars sorted by key. */
export function sortedEnvKeys(node: ExpandedNode): string[] {
  return Object.keys(node.envVars).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The line zeekctl runs on the host (its debug.log `[execute]` text): start helper, `-v` vars, cwd, pin, argv. */
export function startCommandLine(config: ClusterConfig, node: ExpandedNode, argv: readonly string[]): string {
  const vars = node.type === "standalone" ? [] : [`CLUSTER_NODE=${node.name}`];
  for (const key of sortedEnvKeys(node)) vars.push(`${key}=${node.envVars[key]}`);
  const words = argv.map((a, i) => (argv[i - 1] === "-i" ? `'${a}'` : a));
  const pin = node.pinCpus[0] ?? -1;
  return [
    `${optString(config.options, "HelperDir")}/start`,
    ...vars.flatMap((v) => ["-v", v]),
    `${optString(config.options, "SpoolDir")}/${node.name}`,
    String(pin),
    ...words,
  ].join(" ");
}

/** Builds the NodeSpec of one node; problems when the host's Zeek cannot run the backend. */
export function buildNodeSpec(
  config: ClusterConfig,
  node: ExpandedNode,
  fanout: readonly FanoutGroup[],
  inputs: TopologyInputs,
): { spec?: NodeSpec; argv: string[]; problems: Problem[] } {
  const version = inputs.zeekVersions?.[node.host] ?? DEFAULT_ZEEK_VERSION;
  const backend = backendScript(usesZeroMq(config), version);
  const problems: Problem[] = [];
  if (backend.error) {
    problems.push({
      level: "error",
      file: node.source.file,
      line: node.source.line,
      message: `host '${node.host}': ${backend.error}`,
    });
  }
  const hostEnv = inputs.hostEnv ?? {};
  const argv = zeekArgv(config, node, backend.script, hostEnv);
  const env: Record<string, string> = {};
  if (node.type !== "standalone") env.CLUSTER_NODE = node.name;
  for (const key of sortedEnvKeys(node)) env[key] = shellValue(node.envVars[key] ?? "", hostEnv);
  const s = (n: string) => optString(config.options, n);
  env.PATH = `${s("BinDir")}:${s("ScriptsDir")}:${env.PATH ?? hostEnv.PATH ?? DEFAULT_PATH}`;
  env.ZEEKPATH = zeekPath(config);
  const group = fanout.find((g) => g.members.includes(node.name));
  const candidate = {
    name: node.name,
    type: node.type,
    host: node.host,
    ...(node.interface !== undefined ? { interface: node.interface } : {}),
    zeek: s("Zeek"),
    argv,
    env,
    cwd: `${s("SpoolDir")}/${node.name}`,
    pinCpus: node.pinCpus,
    ...(node.metricsPort !== undefined ? { metricsPort: node.metricsPort } : {}),
    ...(group ? { fanout: { id: group.id, mode: group.mode, interface: group.interface } } : {}),
    zeekVersion: version,
  };
  const parsed = NodeSpec.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        level: "error",
        file: node.source.file,
        line: node.source.line,
        message: `node '${node.name}': ${issue.path.join(".")}: ${issue.message}`,
      });
    }
    return { argv, problems };
  }
  return { spec: parsed.data, argv, problems };
}
