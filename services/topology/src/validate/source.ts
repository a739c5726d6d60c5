/** A ConfigSource (files by name, as sent on the bus) → the parsed cluster config and every problem. */
import {
  type ConfigResult,
  type OptionContext,
  type Problem,
  parseYamlSpec,
  parseZeekctlFiles,
  type ZeekctlTexts,
} from "@zeekbus/config";
import type { ConfigSource } from "@zeekbus/contracts";

/** The file names a zeekctl source may carry (its etc/ directory). */
export const ZEEKCTL_FILES = ["zeekctl.cfg", "node.cfg", "networks.cfg"] as const;

function parseZeekctl(files: Record<string, string>, ctx: OptionContext): ConfigResult {
  const unknown: Problem[] = Object.keys(files)
    .filter((name) => !(ZEEKCTL_FILES as readonly string[]).includes(name))
    .map((name) => ({
      level: "error",
      file: name,
      line: 0,
      message: `unknown zeekctl config file '${name}'`,
    }));
  const nodeCfg = files["node.cfg"];
  if (nodeCfg === undefined) {
    return {
      problems: [
        ...unknown,
        { level: "error", file: "node.cfg", line: 0, message: "cannot read node config file" },
      ],
    };
  }
  const texts: ZeekctlTexts = { nodeCfg: { text: nodeCfg, file: "node.cfg" } };
  const cfg = files["zeekctl.cfg"];
  const nets = files["networks.cfg"];
  if (cfg !== undefined) texts.zeekctlCfg = { text: cfg, file: "zeekctl.cfg" };
  if (nets !== undefined) texts.networksCfg = { text: nets, file: "networks.cfg" };
  const result = parseZeekctlFiles(texts, ctx);
  if (unknown.length === 0) return result;
  return { problems: [...unknown, ...result.problems] };
}

function parseYaml(files: Record<string, string>, ctx: OptionContext): ConfigResult {
  const entries = Object.entries(files);
  const [first] = entries;
  if (entries.length !== 1 || first === undefined) {
    const message = `a yaml source holds exactly one file, got ${entries.length}`;
    return { problems: [{ level: "error", file: "(source)", line: 0, message }] };
  }
  return parseYamlSpec(first[1], first[0], ctx);
}

/**
 * Parses a source in its dialect, with the `$USER` / host name its defaults come from (default:
 * this process's). Never throws: problems come back with file and line.
 */
export function parseSource(source: ConfigSource, ctx: OptionContext = {}): ConfigResult {
  return source.format === "zeekctl" ? parseZeekctl(source.files, ctx) : parseYaml(source.files, ctx);
}
