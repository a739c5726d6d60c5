/**
 * One config input through the whole offline pipeline: parse and validate (libs/config),
 * expand and render (topology-model's buildTopology), plan against nothing, describe the nodes.
 * The verdict lists what breaks the rules: an exception, a result that disagrees with its
 * problems, an error without file and line, a rendered file name that leaves its directory,
 * or a node spec the agent contract would refuse.
 */
import {
  type ConfigResult,
  formatProblem,
  type Problem,
  parseYamlSpec,
  parseZeekctlFiles,
} from "@zeekbus/config";
import { NodeSpec } from "@zeekbus/contracts";
import { buildTopology, isIPv4, isIPv6, plan, renderNodesText } from "@zeekbus/topology-model";
import type { ConfigInput } from "./input.js";

/** What happened to one input. */
export interface ConfigVerdict {
  outcome: "accepted" | "rejected" | "exception";
  /** `stage: message` of an exception that escaped. */
  exception?: string;
  /** Errors that name no file, a file not given, or no line although the file has lines. */
  unlocated: string[];
  /** Rule breaks other than location: inconsistent results, bad rendered paths, invalid specs. */
  broken: string[];
}

/** Problems that concern a file as a whole (something missing), so they have no line to name. */
const WHOLE_FILE = /^(no manager defined|no proxy defined|no nodes found|cannot read node config file)/;

const FIXED = {
  hashSeed: "0a1b2c3d",
  curveKeys: {
    serverPublic: "a".repeat(40),
    serverSecret: "b".repeat(40),
    clientPublic: "c".repeat(40),
    clientSecret: "d".repeat(40),
  },
};

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).length;
}

/** The errors among `problems` that do not say where they are. */
export function unlocatedErrors(problems: readonly Problem[], files: Record<string, string>): string[] {
  const out: string[] = [];
  const counts = new Map(Object.entries(files).map(([name, text]) => [name, lineCount(text)]));
  for (const p of problems) {
    if (p.level !== "error") continue;
    const lines = counts.get(p.file);
    const where = lines === undefined ? "names no given file" : undefined;
    const line =
      where ??
      (!Number.isInteger(p.line) || p.line < 0 || p.line > lines!
        ? `line ${p.line} is outside the file`
        : p.line === 0 && !WHOLE_FILE.test(p.message)
          ? "has no line"
          : undefined);
    if (line) out.push(`${line}: ${formatProblem(p).slice(0, 300)}`);
  }
  return out;
}

function parse(input: ConfigInput): ConfigResult {
  const f = input.files;
  if (input.dialect === "yaml") return parseYamlSpec(f["cluster.yaml"] ?? "", "cluster.yaml");
  return parseZeekctlFiles({
    nodeCfg: { text: f["node.cfg"] ?? "", file: "node.cfg" },
    ...(f["zeekctl.cfg"] !== undefined
      ? { zeekctlCfg: { text: f["zeekctl.cfg"], file: "zeekctl.cfg" } }
      : {}),
    ...(f["networks.cfg"] !== undefined
      ? { networksCfg: { text: f["networks.cfg"], file: "networks.cfg" } }
      : {}),
  });
}

/** Every named host gets a documentation address (nothing is looked up: the pipeline is pure). */
function addressesOf(hosts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  hosts.forEach((h, i) => {
    const bare = h.split("%")[0] ?? "";
    if (h !== "localhost" && !isIPv4(bare) && !isIPv6(bare)) out[h] = `192.0.2.${(i % 250) + 1}`;
  });
  return out;
}

function renderedPathProblems(files: Record<string, string>): string[] {
  return Object.keys(files)
    .filter((p) => p === "" || p.startsWith("/") || p.split("/").includes("..") || p.includes("\0"))
    .map((p) => `rendered file name ${JSON.stringify(p)} leaves the auto directory`);
}

/** Runs the pipeline on one input; never throws. */
export function checkConfig(input: ConfigInput): ConfigVerdict {
  const verdict: ConfigVerdict = { outcome: "rejected", unlocated: [], broken: [] };
  let stage = "parse";
  try {
    const parsed = parse(input);
    verdict.unlocated.push(...unlocatedErrors(parsed.problems, input.files));
    if ((parsed.config === undefined) !== parsed.problems.some((p) => p.level === "error"))
      verdict.broken.push("parse: config returned together with errors, or neither");
    if (!parsed.config) return verdict;
    stage = "buildTopology";
    const addresses = addressesOf(parsed.config.nodes.map((n) => n.host));
    const built = buildTopology(parsed.config, { ...FIXED, addresses });
    verdict.unlocated.push(...unlocatedErrors(built.problems, input.files));
    if ((built.topology === undefined) !== built.problems.some((p) => p.level === "error"))
      verdict.broken.push("buildTopology: topology returned together with errors, or neither");
    if (!built.topology) return verdict;
    verdict.outcome = "accepted";
    verdict.broken.push(...renderedPathProblems(built.topology.files));
    for (const spec of built.topology.specs) {
      const r = NodeSpec.safeParse(spec);
      if (!r.success)
        verdict.broken.push(`spec ${spec.name} refused by the contract: ${r.error.issues[0]?.message}`);
    }
    stage = "plan";
    plan(undefined, built.topology);
    stage = "renderNodesText";
    renderNodesText(built.topology.nodes);
  } catch (err) {
    verdict.outcome = "exception";
    verdict.exception = `${stage}: ${(err as Error)?.stack?.split("\n").slice(0, 3).join(" | ") ?? String(err)}`;
  }
  return verdict;
}
