/** Requests to the process supervisors of the hosts that run the selected nodes. */
import { type Bus, request } from "@zeekbus/bus";
import {
  AgentStart,
  AgentStatus,
  AgentStop,
  AgentUnquarantine,
  CommandReply,
  type NodeOutcome,
  type NodeSpec,
  type NodeStatus,
  StatusReply,
  toZeekbusError,
} from "@zeekbus/contracts";
import { z } from "zod";
import type { GlobalOptions } from "../program.js";
import { byHost } from "./selection.js";

/** Long enough for a tier to become ready; the supervisor bounds its own waits. */
const COMMAND_TIMEOUT_MS = 120_000;

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
    const subject = bus.subjects.agent(g.cluster, host, "start");
    const reply = await request(bus, subject, AgentStart, g.cluster, { specs }, CommandReply, {
      timeoutMs: COMMAND_TIMEOUT_MS,
    });
    return reply.results;
  });
}

export function stopNodes(bus: Bus, g: GlobalOptions, nodes: NodeSpec[]): Promise<NodeOutcome[]> {
  return perHost(nodes, "stop_failed", async (host, list) => {
    const subject = bus.subjects.agent(g.cluster, host, "stop");
    const reply = await request(
      bus,
      subject,
      AgentStop,
      g.cluster,
      { nodes: list.map((n) => n.name) },
      CommandReply,
      {
        timeoutMs: COMMAND_TIMEOUT_MS,
      },
    );
    return reply.results;
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
        const reply = await request(
          bus,
          bus.subjects.agent(g.cluster, host, "status"),
          AgentStatus,
          g.cluster,
          { nodes: [] },
          StatusReply,
          { timeoutMs: 5000 },
        );
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
  const reply = await request(
    bus,
    bus.subjects.agent(g.cluster, node.host, "unquarantine"),
    AgentUnquarantine,
    g.cluster,
    { node: node.name },
    z.object({ node: z.string(), state: z.string() }),
    { timeoutMs: COMMAND_TIMEOUT_MS },
  );
  return reply.state;
}
