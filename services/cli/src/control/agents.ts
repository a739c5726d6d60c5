/** Requests to the process supervisors of the hosts that run the selected nodes. */
import type { Bus } from "@zeekbus/bus";
import { type NodeOutcome, type NodeSpec, type NodeStatus, toZeekbusError } from "@zeekbus/contracts";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import type { GlobalOptions } from "../program.js";
import { byHost } from "./selection.js";

/** Runs `call` for every host in parallel; a host that fails yields failed outcomes for its nodes. */
async function perHost(
  nodes: NodeSpec[],
  failed: string,
  call: (host: string, nodes: NodeSpec[]) => Promise<NodeOutcome[]>,
): Promise<NodeOutcome[]> {
  const results = await Promise.all(
    [...byHost(nodes)].map(([host, list]) =>
      call(host, list).catch((err) =>
        list.map((n) => ({
          node: n.name,
          outcome: failed,
          error: `host ${host}: ${toZeekbusError(err).message}`,
        })),
      ),
    ),
  );
  return results.flat();
}

export function startNodes(bus: Bus, g: GlobalOptions, nodes: NodeSpec[]): Promise<NodeOutcome[]> {
  return perHost(nodes, "start_failed", async (host, specs) => {
    return (await new AgentClient(bus, g.cluster, host).start(specs)).results;
  });
}

export function stopNodes(bus: Bus, g: GlobalOptions, nodes: NodeSpec[]): Promise<NodeOutcome[]> {
  return perHost(nodes, "stop_failed", async (host, list) => {
    return (await new AgentClient(bus, g.cluster, host).stop(list.map((n) => n.name))).results;
  });
}

/** Status of the selected nodes; nodes a supervisor does not know are `stopped`, unreachable hosts `???`. */
export async function nodeStatuses(
  bus: Bus,
  g: GlobalOptions,
  nodes: NodeSpec[],
): Promise<Map<string, NodeStatus | { state: "???" }>> {
  const out = new Map<string, NodeStatus | { state: "???" }>();
  await Promise.all(
    [...byHost(nodes)].map(async ([host, list]) => {
      try {
        const reply = await new AgentClient(bus, g.cluster, host).status();
        for (const n of list) {
          const known = reply.nodes.find((s) => s.name === n.name);
          out.set(n.name, known ?? { name: n.name, type: n.type, state: "stopped", restarts: 0, crashes: 0 });
        }
      } catch {
        for (const n of list) out.set(n.name, { state: "???" });
      }
    }),
  );
  return out;
}

export async function unquarantineNode(bus: Bus, g: GlobalOptions, node: NodeSpec): Promise<string> {
  return (await new AgentClient(bus, g.cluster, node.host).unquarantine(node.name)).state;
}
