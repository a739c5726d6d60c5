/**
 * lb_procs expansion as zeekctl does it (`config.py:_check_node`): `worker-1` with lb_procs=N
 * becomes `worker-1-1` … `worker-1-N`, pin_cpus is cycled over the processes, lb_method=interfaces
 * pops interfaces from the end of the list, and global env_vars fill in what the node lacks.
 */
import type { ClusterConfig, NodeDecl } from "@zeekbus/config";
import type { NodeType } from "@zeekbus/contracts";
import type { ExpandedNode } from "./types.js";

const TYPE_ORDER: Record<NodeType, number> = { logger: 0, manager: 1, proxy: 2, worker: 3, standalone: 4 };

/** Cycles `cpus` to length `n` (0,1,2 with 4 → 0,1,2,0). */
export function cycleCpus(cpus: readonly number[], n: number): number[] {
  if (cpus.length === 0) return [];
  return Array.from({ length: n }, (_, i) => cpus[i % cpus.length]!);
}

function base(decl: NodeDecl, name: string, count: number, globalEnv: Record<string, string>): ExpandedNode {
  const node: ExpandedNode = {
    name,
    type: decl.type,
    host: decl.host,
    addr: "",
    count,
    group: decl.name,
    pinCpus: [...decl.pinCpus],
    envVars: { ...globalEnv, ...decl.envVars },
    extra: { ...decl.extra },
    source: decl.source,
    keyLines: decl.keyLines,
  };
  if (decl.interface !== undefined) node.interface = decl.interface;
  if (decl.lbProcs !== undefined) node.lbProcs = decl.lbProcs;
  if (decl.lbMethod !== undefined) node.lbMethod = decl.lbMethod;
  if (decl.lbInterfaces !== undefined) node.lbInterfaces = decl.lbInterfaces;
  if (decl.auxScripts !== undefined) node.auxScripts = decl.auxScripts;
  return node;
}

/** Expands declarations into processes (definition order), before plugins run. */
export function expandDecls(config: ClusterConfig, globalEnv: Record<string, string>): ExpandedNode[] {
  const counts = new Map<NodeType, number>();
  const next = (t: NodeType) => {
    const c = (counts.get(t) ?? 0) + 1;
    counts.set(t, c);
    return c;
  };
  const out: ExpandedNode[] = [];
  for (const decl of config.nodes) {
    if (decl.lbProcs === undefined) {
      out.push(base(decl, decl.name, next(decl.type), globalEnv));
      continue;
    }
    const ifaces =
      decl.lbMethod === "interfaces" ? (decl.lbInterfaces ?? "").split(",").map((s) => s.trim()) : [];
    const cpus = cycleCpus(decl.pinCpus, decl.lbProcs);
    for (let i = 1; i <= decl.lbProcs; i++) {
      const node = base(decl, `${decl.name}-${i}`, next(decl.type), globalEnv);
      node.pinCpus = cpus.length > 0 ? [cpus[i - 1]!] : [];
      if (decl.lbMethod === "interfaces") {
        const iface = ifaces.pop();
        if (iface !== undefined) node.interface = iface;
      }
      out.push(node);
    }
  }
  return out;
}

/** Sorts nodes as zeekctl lists them: loggers, manager, proxies, workers, each by count. */
export function sortNodes(nodes: readonly ExpandedNode[]): ExpandedNode[] {
  return [...nodes].sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.count - b.count);
}
