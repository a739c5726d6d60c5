/**
 * Whole-config rules of zeekctl (`config.py:_check_nodestore`, duplicate names) with its exact
 * messages. zeekctl's "must run zeekctl on the manager's machine" rule is intentionally absent:
 * zeekbus runs wherever its bus is.
 */
import type { IniSection } from "./ini.js";
import { clusterSizeLimit } from "./limit-rules.js";
import type { NodeDecl } from "./model.js";
import { checkNode } from "./node-rules.js";
import { checkClusterPorts } from "./port-rules.js";
import { error, type Problem } from "./problem.js";
import type { ZeekctlOptions } from "./resolve-options.js";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/** Names a declaration will have after lb_procs expansion. */
export function expandedNames(node: Pick<NodeDecl, "name" | "lbProcs">): string[] {
  if (node.lbProcs === undefined) return [node.name];
  return Array.from({ length: node.lbProcs }, (_, i) => `${node.name}-${i + 1}`);
}

function checkDuplicates(nodes: NodeDecl[], file: string): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const node of nodes) {
    for (const name of expandedNames(node)) {
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) {
        problems.push(error(file, node.source.line, `node name "${name}" is a duplicate of "${first}"`));
      } else seen.set(name.toLowerCase(), name);
    }
  }
  return problems;
}

function checkRoles(nodes: NodeDecl[], file: string): Problem[] {
  const problems: Problem[] = [];
  const managers = nodes.filter((n) => n.type === "manager");
  const standalone = nodes.find((n) => n.type === "standalone");
  if (managers.length > 1) {
    problems.push(error(file, managers[1]!.source.line, "only one manager can be defined in node config"));
  }
  if (standalone) {
    if (nodes.length > 1) {
      problems.push(
        error(file, standalone.source.line, "more than one node defined in standalone node config"),
      );
    }
    return problems;
  }
  if (managers.length === 0) problems.push(error(file, 0, "no manager defined in node config"));
  if (!nodes.some((n) => n.type === "proxy"))
    problems.push(error(file, 0, "no proxy defined in node config"));
  const manager = managers[0];
  if (manager && LOOPBACK.has(manager.host)) {
    const remote = nodes.find((n) => !LOOPBACK.has(n.host));
    if (remote) {
      problems.push(
        error(file, remote.source.line, "all nodes must use localhost/127.0.0.1/::1 when manager uses it"),
      );
    }
  }
  return problems;
}

/**
 * Validates every section and the node set; returns all valid declarations and all problems. The
 * cluster's size is checked against its ports (with `options`) before any name is expanded.
 */
export function checkNodeSections(
  sections: IniSection[],
  file: string,
  options: ZeekctlOptions,
): { nodes: NodeDecl[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const nodes: NodeDecl[] = [];
  if (sections.length === 0) return { nodes, problems: [error(file, 0, "no nodes found in node config")] };
  for (const section of sections) {
    const r = checkNode(section, file);
    problems.push(...r.problems);
    if (r.node) nodes.push(r.node);
  }
  const ports = checkClusterPorts(nodes, options);
  problems.push(...ports);
  const size =
    ports.length === 0
      ? clusterSizeLimit(nodes.map((n) => ({ ...n, line: n.keyLines.lb_procs ?? n.source.line })))
      : undefined;
  if (size) problems.push(error(file, size.line, size.message));
  if (ports.length === 0 && !size) problems.push(...checkDuplicates(nodes, file));
  if (nodes.length === sections.length) problems.push(...checkRoles(nodes, file));
  return { nodes, problems };
}
