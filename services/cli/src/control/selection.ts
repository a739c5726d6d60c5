/**
 * zeekctl's node arguments: node names and the groups `all`, `loggers`, `manager`, `proxies`,
 * `workers`; no argument means all. Unknown names are an error; the result is sorted by role
 * (standalone, loggers, manager, proxies, workers) then by definition order, without duplicates.
 */
import { type NodeSpec, type NodeType, ValidationError } from "@zeekbus/contracts";

const GROUPS: Record<string, NodeType[]> = {
  all: ["standalone", "logger", "manager", "proxy", "worker"],
  loggers: ["logger"],
  manager: ["manager"],
  proxies: ["proxy"],
  workers: ["worker"],
};

const ROLE_ORDER: NodeType[] = ["standalone", "logger", "manager", "proxy", "worker"];

/** The specs the arguments name, in zeekctl's order. */
export function selectNodes(specs: readonly NodeSpec[], args: readonly string[]): NodeSpec[] {
  const wanted = new Set<string>();
  for (const arg of args.length === 0 ? ["all"] : args) {
    const group = GROUPS[arg];
    const byName = specs.find((s) => s.name === arg);
    if (byName) {
      wanted.add(byName.name);
    } else if (group) {
      for (const s of specs) if (group.includes(s.type)) wanted.add(s.name);
    } else {
      throw new ValidationError(`unknown node '${arg}'`, [`nodes: unknown node '${arg}'`]);
    }
  }
  return specs
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => wanted.has(s.name))
    .sort((a, b) => ROLE_ORDER.indexOf(a.s.type) - ROLE_ORDER.indexOf(b.s.type) || a.i - b.i)
    .map(({ s }) => s);
}

/** zeekctl's word for a group of nodes of one role (`workers`, `proxy`, or a standalone's name). */
export function groupWord(nodes: readonly NodeSpec[]): string {
  const first = nodes[0];
  if (!first) return "";
  const plural = nodes.length > 1;
  switch (first.type) {
    case "standalone":
      return first.name;
    case "logger":
      return plural ? "loggers" : "logger";
    case "manager":
      return "manager";
    case "proxy":
      return plural ? "proxies" : "proxy";
    case "worker":
      return plural ? "workers" : "worker";
  }
}

/** Splits selected nodes into role groups in start order (reverse for stop). */
export function roleGroups(nodes: readonly NodeSpec[]): NodeSpec[][] {
  const order: NodeType[] = ["logger", "manager", "standalone", "proxy", "worker"];
  return order.map((t) => nodes.filter((n) => n.type === t)).filter((g) => g.length > 0);
}

/** Groups nodes by the host whose supervisor runs them. */
export function byHost(nodes: readonly NodeSpec[]): Map<string, NodeSpec[]> {
  const hosts = new Map<string, NodeSpec[]>();
  for (const n of nodes) hosts.set(n.host, [...(hosts.get(n.host) ?? []), n]);
  return hosts;
}
