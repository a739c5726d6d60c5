/**
 * `zeekbus nodes` and `zeekbus config`: zeekctl's `nodes` and `config` output, from the cluster's
 * current desired revision on the bus, or offline from a config given with `--config`.
 */
import { type ClusterConfig, formatProblem } from "@zeekbus/config";
import { type NodeSpec, ValidationError } from "@zeekbus/contracts";
import { buildFromSource, keptInputs, systemLookup, topologyOfState } from "@zeekbus/topology";
import { renderNodesText, type Topology } from "@zeekbus/topology-model";
import type { GlobalOptions } from "../program.js";
import { printJson, runVerb, withBus } from "../verb.js";
import { fetchDesired } from "./client.js";
import { readLocalSource } from "./source.js";

interface Loaded {
  revision?: number;
  topology: Topology;
  nodes: NodeSpec[];
}

async function load(g: GlobalOptions, configPath: string | undefined): Promise<Loaded> {
  if (configPath === undefined) {
    const state = await withBus(g, (bus) => fetchDesired(bus, g));
    return { revision: state.revision, topology: topologyOfState(state), nodes: state.nodes };
  }
  const local = await readLocalSource(configPath);
  const built = await buildFromSource(local.source, keptInputs(undefined), systemLookup());
  if (!built.topology) {
    const details = built.problems
      .filter((p) => p.level === "error")
      .map((p) => formatProblem({ ...p, file: local.display(p.file) }));
    throw new ValidationError(`invalid configuration: ${configPath}`, details);
  }
  return { topology: built.topology, nodes: built.topology.specs };
}

/** Runs `nodes`. */
export function nodes(g: GlobalOptions, configPath: string | undefined): Promise<void> {
  return runVerb(g.json, async () => {
    const loaded = await load(g, configPath);
    if (g.json) printJson({ revision: loaded.revision ?? 0, nodes: loaded.nodes });
    else process.stdout.write(renderNodesText(loaded.topology.nodes));
  });
}

/** Every option as zeekctl's `config` prints it: lower-case keys, sorted, bools as True/False. */
export function optionEntries(config: ClusterConfig): Array<[string, string]> {
  const all: Record<string, string> = { ...config.options.plugin };
  for (const [k, v] of Object.entries(config.options.values)) {
    all[k] = typeof v === "boolean" ? (v ? "True" : "False") : String(v);
  }
  return Object.keys(all)
    .sort()
    .map((k) => [k, all[k] ?? ""]);
}

/** Runs `config`. */
export function config(g: GlobalOptions, configPath: string | undefined): Promise<void> {
  return runVerb(g.json, async () => {
    const loaded = await load(g, configPath);
    const entries = optionEntries(loaded.topology.config);
    if (g.json) printJson(Object.fromEntries(entries));
    else process.stdout.write(entries.map(([k, v]) => `${k} = ${v}\n`).join(""));
  });
}
