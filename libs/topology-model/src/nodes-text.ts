/** The text of `zeekctl nodes`: one `Node.describe()` line per node. */
import { PLUGIN_NODE_KEYS } from "@zeekbus/config";
import type { ExpandedNode } from "./types.js";

function attributes(n: ExpandedNode): Record<string, string> {
  const env = Object.keys(n.envVars)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${n.envVars[k]}`)
    .join(",");
  const attrs: Record<string, string> = {
    addr: n.addr,
    aux_scripts: n.auxScripts ?? "",
    count: String(n.count),
    env_vars: env,
    ether: n.extra.ether ?? "",
    host: n.host,
    interface: n.interface ?? "",
    lb_interfaces: n.lbInterfaces ?? "",
    lb_method: n.lbMethod ?? "",
    lb_procs: n.lbProcs === undefined ? "" : String(n.lbProcs),
    name: n.name,
    pin_cpus: n.pinCpus.join(","),
    type: n.type,
    zeekbase: n.extra.zeekbase ?? "",
    zone_id: n.extra.zone_id ?? "",
  };
  for (const key of PLUGIN_NODE_KEYS) attrs[key] = n.extra[key] ?? "";
  return attrs;
}

/** One node's line: the name right-aligned in 16 columns, then sorted `key=value` pairs. */
export function describeNode(n: ExpandedNode): string {
  const attrs = attributes(n);
  const pairs = Object.keys(attrs)
    .sort()
    .map((k) => `${k}=${attrs[k]}`);
  return `${n.name.padStart(16)} - ${pairs.join(" ")}`;
}

/** The whole `nodes` output for nodes in zeekctl order, one line each, newline-terminated. */
export function renderNodesText(nodes: readonly ExpandedNode[]): string {
  return nodes.map((n) => `${describeNode(n)}\n`).join("");
}
