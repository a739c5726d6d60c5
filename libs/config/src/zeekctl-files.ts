/** Entry points for zeekctl's own files: zeekctl.cfg + node.cfg + networks.cfg → ClusterConfig. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkNodeSections } from "./cluster-rules.js";
import { parseIni } from "./ini.js";
import type { ConfigResult } from "./model.js";
import { parseNetworksCfg } from "./networks-cfg.js";
import { checkPortOptions } from "./port-rules.js";
import { error, hasErrors, type Problem } from "./problem.js";
import { type OptionContext, resolveOptions } from "./resolve-options.js";
import { parseZeekctlCfg } from "./zeekctl-cfg.js";

/** A file's text and the name problems should carry. */
export interface SourceText {
  text: string;
  file: string;
}

/** The three zeekctl files; zeekctl.cfg and networks.cfg may be absent (defaults / no networks). */
export interface ZeekctlTexts {
  zeekctlCfg?: SourceText;
  nodeCfg: SourceText;
  networksCfg?: SourceText;
}

/** Parses and validates zeekctl's three files. Never throws; all problems are returned together. */
export function parseZeekctlFiles(texts: ZeekctlTexts, ctx: OptionContext = {}): ConfigResult {
  const problems: Problem[] = [];
  const cfgFile = texts.zeekctlCfg?.file ?? "zeekctl.cfg";
  const cfg = parseZeekctlCfg(texts.zeekctlCfg?.text ?? "", cfgFile);
  problems.push(...cfg.problems);
  const resolved = resolveOptions(cfg.entries, cfgFile, ctx);
  problems.push(...resolved.problems);
  problems.push(...checkPortOptions(resolved.options, cfg.entries, cfgFile));
  const ini = parseIni(texts.nodeCfg.text, texts.nodeCfg.file);
  problems.push(...ini.problems);
  const nodes = checkNodeSections(ini.sections, texts.nodeCfg.file, resolved.options);
  problems.push(...nodes.problems);
  const netFile = texts.networksCfg?.file ?? "networks.cfg";
  const nets = parseNetworksCfg(texts.networksCfg?.text ?? "", netFile);
  problems.push(...nets.problems);
  if (hasErrors(problems)) return { problems };
  return {
    config: {
      options: resolved.options,
      nodes: nodes.nodes,
      networks: nets.networks,
      files: { options: cfgFile, nodes: texts.nodeCfg.file, networks: netFile },
    },
    problems,
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Reads `zeekctl.cfg`, `node.cfg` and `networks.cfg` from a zeekctl `etc/` directory. A missing
 * node.cfg is an error (`cannot read node config file`); the other two are optional.
 */
export async function loadZeekctlDir(dir: string, ctx: OptionContext = {}): Promise<ConfigResult> {
  const paths = {
    cfg: join(dir, "zeekctl.cfg"),
    node: join(dir, "node.cfg"),
    nets: join(dir, "networks.cfg"),
  };
  const [cfg, node, nets] = await Promise.all([
    readOptional(paths.cfg),
    readOptional(paths.node),
    readOptional(paths.nets),
  ]);
  if (node === undefined)
    return { problems: [error(paths.node, 0, `cannot read node config file: ${paths.node}`)] };
  const texts: ZeekctlTexts = { nodeCfg: { text: node, file: paths.node } };
  if (cfg !== undefined) texts.zeekctlCfg = { text: cfg, file: paths.cfg };
  if (nets !== undefined) texts.networksCfg = { text: nets, file: paths.nets };
  return parseZeekctlFiles(texts, ctx);
}
