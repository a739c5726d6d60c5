/** Entry point for the native YAML/JSON spec: same model, same rules, lines from the YAML AST. */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { checkNodeSections } from "./cluster-rules.js";
import type { IniSection, LineValue } from "./ini.js";
import type { ConfigResult, LocalNetwork } from "./model.js";
import { checkCidr } from "./networks-cfg.js";
import { checkPortOptions } from "./port-rules.js";
import { error, hasErrors, type Problem } from "./problem.js";
import { type OptionContext, resolveOptions } from "./resolve-options.js";
import { ClusterSpec } from "./spec-schema.js";
import { checkEntry, type RawOption } from "./zeekctl-cfg.js";

type Path = ReadonlyArray<string | number>;

/**
 * How many nodes alias expansion may add to a document (the yaml library's "billion laughs"
 * guard); a spec that needs more is refused with the library's message at its line.
 */
const MAX_ALIAS_EXPANSION = 100;

function lineAt(root: unknown, lc: LineCounter, path: Path): number {
  let node = root as Node | undefined;
  let offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | undefined;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as Node | undefined;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return lc.linePos(offset).line;
}

function asText(v: unknown): string {
  if (typeof v === "boolean") return v ? "1" : "0";
  if (Array.isArray(v)) return v.map(String).join(",");
  if (v !== null && typeof v === "object") {
    return Object.entries(v)
      .map(([k, x]) => `${k}=${String(x)}`)
      .join(",");
  }
  return String(v);
}

function toSections(spec: ClusterSpec, line: (p: Path) => number): IniSection[] {
  return spec.nodes.map((node, i) => {
    const entries = new Map<string, LineValue>();
    for (const [key, value] of Object.entries(node)) {
      if (key === "name" || value === undefined) continue;
      if (key === "af_packet") {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (v !== undefined)
            entries.set(`af_packet_${k}`, { value: asText(v), line: line(["nodes", i, key, k]) });
        }
      } else entries.set(key, { value: asText(value), line: line(["nodes", i, key]) });
    }
    return { name: node.name, line: line(["nodes", i]), entries };
  });
}

/**
 * Parses a YAML (or JSON) cluster spec. Never throws: syntax errors, schema violations and
 * zeekctl rule violations all come back as problems with the file and line.
 */
export function parseYamlSpec(text: string, file: string, ctx: OptionContext = {}): ConfigResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => error(file, lc.linePos(e.pos[0]).line, e.message.split("\n")[0]!)),
    };
  }
  const line = (p: Path) => lineAt(doc.contents, lc, p);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (err) {
    return { problems: [error(file, line([]), `document: ${(err as Error).message}`)] };
  }
  const parsed = ClusterSpec.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const extraKey = issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [];
      const path = [...issue.path, ...extraKey].filter((s): s is string | number => typeof s !== "symbol");
      return error(file, line(path), `${path.join(".") || "(document)"}: ${issue.message}`);
    });
    return { problems };
  }
  const problems: Problem[] = [];
  const entries = new Map<string, RawOption>();
  for (const [name, value] of Object.entries(parsed.data.options ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const optLine = line(["options", name]);
    const problem = checkEntry(file, optLine, key, asText(value));
    if (problem) problems.push(problem);
    else entries.set(key, { value: asText(value), line: optLine });
  }
  const resolved = resolveOptions(entries, file, ctx);
  problems.push(...resolved.problems);
  problems.push(...checkPortOptions(resolved.options, entries, file));
  const nodes = checkNodeSections(toSections(parsed.data, line), file, resolved.options);
  problems.push(...nodes.problems);
  const networks: LocalNetwork[] = [];
  (parsed.data.networks ?? []).forEach((entry, i) => {
    const text = typeof entry === "string" ? entry.trim() : entry.cidr.trim();
    const cidr = text.split(/\s+/)[0] ?? "";
    const tag = typeof entry === "string" ? text.slice(cidr.length).trim() : (entry.tag ?? "");
    const netLine = line(["networks", i]);
    const bad = checkCidr(cidr);
    if (bad) problems.push(error(file, netLine, bad));
    else networks.push({ cidr, ...(tag ? { tag } : {}), source: { file, line: netLine } });
  });
  if (hasErrors(problems)) return { problems };
  return {
    config: {
      options: resolved.options,
      nodes: nodes.nodes,
      networks,
      files: { options: file, nodes: file, networks: file },
    },
    problems,
  };
}
