/**
 * From a validated config to the complete topology of one revision: expanded nodes, ports,
 * fanout ids, generated files and node specs. Pure: every host fact is an input.
 */
import {
  type ClusterConfig,
  checkClusterPorts,
  envVarsLimit,
  hasErrors,
  optString,
  type Problem,
  parseEnvVars,
} from "@zeekbus/config";
import type { NodeSpec } from "@zeekbus/contracts";
import { resolveAddress } from "./addresses.js";
import { expandDecls, sortNodes } from "./expand.js";
import { assignFanout } from "./fanout.js";
import { buildNodeSpec } from "./node-spec.js";
import { applyPlugins } from "./plugins.js";
import { assignPorts, usesZeroMq } from "./ports.js";
import { renderZeekctlConfig } from "./render-config.js";
import { renderClusterLayout, renderStandaloneLayout } from "./render-layout.js";
import { renderLocalNetworks } from "./render-networks.js";
import { curveEnabled } from "./render-plugins.js";
import type { Topology, TopologyInputs } from "./types.js";

function globalEnv(config: ClusterConfig, problems: Problem[]): Record<string, string> {
  const parsed = parseEnvVars(optString(config.options, "env_vars"));
  if (parsed.bad) {
    problems.push({
      level: "error",
      file: config.files.options,
      line: 0,
      message: `zeekctl option 'env_vars': ${parsed.bad.why}: ${parsed.bad.item}`,
    });
  }
  const tooMany = envVarsLimit(Object.keys(parsed.vars).length);
  if (tooMany) {
    problems.push({
      level: "error",
      file: config.files.options,
      line: 0,
      message: `zeekctl option 'env_vars' ${tooMany}`,
    });
    return {};
  }
  return parsed.vars;
}

/**
 * Builds the topology; returns it only when there are no errors, and always all problems. A
 * config whose processes cannot all get a port is refused before any node is expanded.
 */
export function buildTopology(
  config: ClusterConfig,
  inputs: TopologyInputs,
): { topology?: Topology; problems: Problem[] } {
  const oversized = checkClusterPorts(config.nodes, config.options);
  if (oversized.length > 0) return { problems: oversized };
  const problems: Problem[] = [];
  if (!/^[0-9a-f]{8}$/i.test(inputs.hashSeed)) {
    problems.push({
      level: "error",
      file: config.files.options,
      line: 0,
      message: "global_hash_seed must be 8 hex characters",
    });
  }
  const expanded = expandDecls(config, globalEnv(config, problems));
  for (const n of expanded) {
    const addr = resolveAddress(n.host, inputs.addresses);
    if (addr !== undefined) n.addr = addr;
    else if (!problems.some((p) => p.message.includes(`'${n.host}'`))) {
      problems.push({
        level: "error",
        file: n.source.file,
        line: n.keyLines.host ?? n.source.line,
        message: `hostname lookup failed for '${n.host}' in node config [no address known for this host]`,
      });
    }
  }
  problems.push(...applyPlugins(config, expanded));
  const standalone = expanded.length === 1 && expanded[0]!.type === "standalone";
  const ports = assignPorts(config, expanded, standalone);
  const fanout = assignFanout(expanded, inputs.previousFanout);
  problems.push(...fanout.problems);
  const curve = usesZeroMq(config) && curveEnabled(config, expanded);
  if (curve && !inputs.curveKeys) {
    problems.push({
      level: "error",
      file: config.files.options,
      line: 0,
      message:
        "ZeroMQ CURVE encryption is on (more than one node address, or use_curve_encryption = 1) but no keys were supplied",
    });
  }
  const nodes = sortNodes(expanded);
  const specs: NodeSpec[] = [];
  for (const n of nodes) {
    const r = buildNodeSpec(config, n, fanout.groups, inputs);
    problems.push(...r.problems);
    if (r.spec) specs.push(r.spec);
  }
  if (hasErrors(problems)) return { problems };
  const files: Record<string, string> = {};
  if (standalone) files["standalone-layout.zeek"] = renderStandaloneLayout(config, nodes[0]!, ports);
  else files["cluster-layout.zeek"] = renderClusterLayout(config, nodes, ports);
  files["zeekctl-config.zeek"] = renderZeekctlConfig(config, {
    nodes,
    ports,
    fanout: fanout.groups,
    standalone,
    hashSeed: inputs.hashSeed,
    ...(curve && inputs.curveKeys ? { curveKeys: inputs.curveKeys } : {}),
  });
  files["local-networks.zeek"] = renderLocalNetworks(config.networks);
  return { topology: { config, standalone, nodes, ports, fanout: fanout.groups, files, specs }, problems };
}
